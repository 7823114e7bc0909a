// Statistical tables: DATA.PX.
// Each converts its arguments, calls the core and converts the result; the
// component wraps every call in translate_exceptions.
#pragma once

#include <memory>
#include <string>

#include "convert.hpp"
#include "table_data.hpp"

namespace kuntaplan::addin {

Table data_px(const css::uno::Any& source, const OUString& rows, const OUString& columns,
              const css::uno::Any& filters, const css::uno::Any& language, const css::uno::Any& headers);

// For the import command, where the user picks the file: a local .px or .json
// file (path or file URL) of at most 128 MB, anywhere the user can read.
// Parse errors name the file and the line.
std::shared_ptr<const StatTable> load_table_file(const std::string& path_or_url);

// A reshaped block as cells: numbers (missing values empty); with `headers`
// the variables' labels as the first row(s) and column(s).
Table block_table(const Block& block, bool headers);

}  // namespace kuntaplan::addin
