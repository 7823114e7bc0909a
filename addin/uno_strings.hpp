// The SDK keeps its string types in namespace rtl; the add-in uses them bare.
#pragma once

#include <rtl/string.hxx>
#include <rtl/ustring.hxx>

namespace kuntaplan::addin {
using ::rtl::OString;
using ::rtl::OUString;
using ::rtl::OUStringToOString;
}  // namespace kuntaplan::addin
