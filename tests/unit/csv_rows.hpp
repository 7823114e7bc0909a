// The CSV files of data/ and tests/reference as the tests and
// benchmarks read them: a header row, then one map of column → text per row.
// Fields may be quoted (R's write.csv; no quotes inside a field); CR line
// ends and blank lines are ignored.
#pragma once

#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace kuntaplan::csv_rows {

using Row = std::map<std::string, std::string>;

inline std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> out;
    std::string field;
    bool quoted = false;
    for (char c : line) {
        if (c == '"') {
            quoted = !quoted;
        } else if (c == ',' && !quoted) {
            out.push_back(field);
            field.clear();
        } else if (c != '\r') {
            field += c;
        }
    }
    out.push_back(field);
    return out;
}

inline std::vector<Row> read(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path);
    std::string line;
    std::getline(in, line);
    const auto header = split(line);
    std::vector<Row> rows;
    while (std::getline(in, line)) {
        if (line.empty() || line == "\r") continue;
        const auto fields = split(line);
        Row row;
        for (std::size_t i = 0; i < header.size() && i < fields.size(); ++i) row[header[i]] = fields[i];
        rows.push_back(row);
    }
    return rows;
}

}  // namespace kuntaplan::csv_rows
