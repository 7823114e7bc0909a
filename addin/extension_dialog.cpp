#include "extension_dialog.hpp"

#include <com/sun/star/awt/DialogProvider2.hpp>
#include <com/sun/star/lang/XComponent.hpp>

namespace kuntaplan::addin {

namespace uno = css::uno;
using uno::Reference;
using uno::UNO_QUERY_THROW;

ExtensionDialog::ExtensionDialog(const CommandContext& context, const char* xdl)
    : owner_{css::awt::DialogProvider2::create(context.office)
                 ->createDialog(extension_location(context.office) + "/dialog/" +
                                OUString::createFromAscii(xdl))},
      controls_(owner_.dialog, UNO_QUERY_THROW) {}

ExtensionDialog::Owner::~Owner() {
    try {
        Reference<css::lang::XComponent>(dialog, UNO_QUERY_THROW)->dispose();
    } catch (const uno::Exception&) {
    }
}

}  // namespace kuntaplan::addin
