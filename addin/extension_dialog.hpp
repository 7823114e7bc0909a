// A dialog of the extension's dialog/ folder (an .xdl in the .oxt), disposed
// when it goes out of scope: also when the command throws or returns early.
#pragma once

#include <com/sun/star/awt/XControlContainer.hpp>
#include <com/sun/star/awt/XDialog.hpp>

#include "commands.hpp"

namespace kuntaplan::addin {

class ExtensionDialog {
public:
    // xdl: the file name in dialog/, e.g. "CompareDialog.xdl".
    ExtensionDialog(const CommandContext& context, const char* xdl);
    ExtensionDialog(const ExtensionDialog&) = delete;
    ExtensionDialog& operator=(const ExtensionDialog&) = delete;

    const css::uno::Reference<css::awt::XDialog>& dialog() const { return owner_.dialog; }
    const css::uno::Reference<css::awt::XControlContainer>& controls() const { return controls_; }

private:
    // A member of its own, so that the dialog is disposed even when the
    // constructor throws after creating it.
    struct Owner {
        css::uno::Reference<css::awt::XDialog> dialog;
        ~Owner();
    } owner_;
    css::uno::Reference<css::awt::XControlContainer> controls_;
};

}  // namespace kuntaplan::addin
