// org.kuntaplan:UserGuide: opens the HTML user guide shipped in the .oxt in the
// system browser. Calc 7.4 gives add-in functions no help ID, so F1 cannot reach it.
#include <com/sun/star/system/SystemShellExecute.hpp>
#include <com/sun/star/system/SystemShellExecuteFlags.hpp>

#include "commands.hpp"

namespace kuntaplan::addin {

void run_user_guide(const CommandContext& context, const CommandArguments&) {
    const OUString page = extension_location(context.office) + "/help/index.html";
    auto shell = css::system::SystemShellExecute::create(context.office);
    shell->execute(page, OUString(), css::system::SystemShellExecuteFlags::URIS_ONLY);
}

}  // namespace kuntaplan::addin
