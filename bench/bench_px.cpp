// Parse speed and memory of the PX reader on a table of the size of Statistics
// Finland's largest common ones: population by municipality (300) × single
// year of age (0..100) × sex (2) × year (50) = 3,030,000 values, generated
// in memory in ISO-8859-15 with Finnish and Swedish keywords, a few "..".
// Prints the median of 7 parses, MB/s, and the peak RSS growth of one parse
// (VmHWM after resetting it through /proc/self/clear_refs), next to the size
// the table model needs (8 bytes of value + 1 byte of status per cell).
//   cmake --build build --target bench_px && build/bench/bench_px
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "px.hpp"
#include "table_data.hpp"

using namespace kuntaplan;

namespace {

constexpr int areas = 300, ages = 101, sexes = 2, years = 50;

std::string quoted_list(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += (i ? "," : "") + ("\"" + items[i] + "\"");
        if (i % 10 == 9 && i + 1 < items.size())
            out += "\r\n";  // lists split over lines, as PxWeb writes them
    }
    return out;
}

std::string generate() {
    std::vector<std::string> area_codes, area_names, age_labels, age_codes, year_labels;
    for (int a = 0; a < areas; ++a) {
        area_codes.push_back("KU" + std::to_string(100 + a));
        area_names.push_back(a % 7 == 0 ? "H\344meenlinna " + std::to_string(a)
                                        : "Kunta " + std::to_string(a));
    }
    for (int x = 0; x < ages; ++x) {
        age_labels.push_back(x == 100 ? "100 -" : std::to_string(x));
        age_codes.push_back(std::to_string(x));
    }
    for (int y = 0; y < years; ++y) year_labels.push_back(std::to_string(2024 + y));
    std::string px =
        "CHARSET=\"ANSI\";\r\nAXIS-VERSION=\"2013\";\r\nCODEPAGE=\"iso-8859-15\";\r\nLANGUAGE=\"fi\";\r\n"
        "LANGUAGES=\"fi\",\"sv\";\r\nDECIMALS=0;\r\nTABLEID=\"bench\";\r\n"
        "TITLE=\"V\344est\366ennuste\";\r\nTITLE[sv]=\"Befolkningsprognos\";\r\n"
        "STUB=\"Alue\",\"Ik\344\";\r\nSTUB[sv]=\"Omr\345de\",\"\305lder\";\r\n"
        "HEADING=\"Sukupuoli\",\"Vuosi\";\r\nHEADING[sv]=\"K\366n\",\"\305r\";\r\n";
    px += "VALUES(\"Alue\")=" + quoted_list(area_names) + ";\r\n";
    px += "VALUES[sv](\"Omr\345de\")=" + quoted_list(area_names) + ";\r\n";
    px += "VALUES(\"Ik\344\")=" + quoted_list(age_labels) + ";\r\n";
    px += "VALUES[sv](\"\305lder\")=" + quoted_list(age_labels) + ";\r\n";
    px +=
        "VALUES(\"Sukupuoli\")=\"Miehet\",\"Naiset\";\r\nVALUES[sv](\"K\366n\")=\"M\344n\",\"Kvinnor\";\r\n";
    px += "VALUES(\"Vuosi\")=" + quoted_list(year_labels) + ";\r\n";
    px += "VALUES[sv](\"\305r\")=" + quoted_list(year_labels) + ";\r\n";
    px += "CODES(\"Alue\")=" + quoted_list(area_codes) + ";\r\n";
    px += "CODES(\"Ik\344\")=" + quoted_list(age_codes) + ";\r\n";
    px += "CODES(\"Sukupuoli\")=\"1\",\"2\";\r\n";
    px += "TIMEVAL(\"Vuosi\")=TLIST(A1)," + quoted_list(year_labels) + ";\r\n";
    px += "DATA=\r\n";
    std::mt19937 random(42);
    std::uniform_int_distribution<int> count(0, 4000);
    for (int row = 0; row < areas * ages; ++row) {
        for (int c = 0; c < sexes * years; ++c) {
            if (random() % 1000 == 0) {
                px += "\"..\" ";
            } else {
                px += std::to_string(count(random));
                px += ' ';
            }
        }
        px += "\r\n";
    }
    px += ";\r\n";
    return px;
}

long peak_kb() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

long current_kb() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

}  // namespace

int main() {
    const std::string px = generate();
    const double megabytes = static_cast<double>(px.size()) / 1e6;
    std::printf("generated PX: %.1f MB, %d values\n", megabytes, areas * ages * sexes * years);

    // Peak memory of the first parse (before any timing run has grown the heap), over
    // what the process held before it.
    { std::ofstream("/proc/self/clear_refs") << "5"; }
    const long before = current_kb();
    {
        const StatTable t = read_px(px);
        const double model_mb =
            static_cast<double>(t.values.size()) * (sizeof(double) + sizeof(CellStatus)) / 1e6;
        const long peak = peak_kb();
        std::printf(
            "peak RSS growth during read_px: %.1f MB (the table model: %.1f MB of cells; file %.1f MB)\n",
            static_cast<double>(peak - before) / 1e3, model_mb, megabytes);

        ReshapeRequest all{{"Ik\xc3\xa4"}, {"Alue", "Sukupuoli"}, {{"Vuosi", {"2030"}}}, "", false};
        const auto start = std::chrono::steady_clock::now();
        const Block b = reshape(t, all);
        const double ms =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() * 1e3;
        std::printf("reshape to a POP.PROJECT base of all areas (%zu x %zu): %.1f ms\n", b.rows, b.cols, ms);
    }
    std::vector<double> seconds;
    for (int run = 0; run < 7; ++run) {
        const auto start = std::chrono::steady_clock::now();
        const StatTable t = read_px(px);
        seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        if (t.values.size() != static_cast<std::size_t>(areas * ages * sexes * years)) return 1;
    }
    std::sort(seconds.begin(), seconds.end());
    const double median = seconds[seconds.size() / 2];
    std::printf("read_px: median %.0f ms (min %.0f, max %.0f) of 7, %.0f MB/s\n", median * 1e3,
                seconds.front() * 1e3, seconds.back() * 1e3, megabytes / median);

    return 0;
}
