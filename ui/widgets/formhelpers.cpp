#include "formhelpers.h"

#include "base/payloadtext.h"
#include "models/palettecolors.h"

#include <QAction>
#include <QCoreApplication>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScreen>

namespace sockscope {

QLabel* makeErrorLabel(QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, errorForeground(palette));
    label->setPalette(palette);
    label->hide();
    return label;
}

void showError(QLabel* label, const QString& error) {
    label->setText(error);
    label->setAccessibleDescription(error);
    label->setVisible(!error.isEmpty());
}

void growToFit(QWidget* window) {
    if (!window->isVisible())
        return; // the first show sizes the window with height-for-width already
    const int needed = window->heightForWidth(window->width());
    if (needed > window->height())
        window->resize(window->width(), needed);
}

void keepOnScreen(QWidget* window) {
    const QRect available = window->screen()->availableGeometry();
    const int overhang = window->frameGeometry().bottom() - available.bottom();
    if (overhang > 0)
        window->move(window->x(), qMax(available.top(), window->y() - overhang));
}

QPlainTextEdit* makeBytesView(const QString& accessibleName, const QString& objectName,
                              QWidget* parent) {
    auto* view = new QPlainTextEdit(parent);
    view->setObjectName(objectName);
    view->setReadOnly(true);
    view->setAccessibleName(accessibleName);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    return view;
}

void showBytes(QPlainTextEdit* view, const QByteArray& bytes) {
    view->setPlainText(bytes.isEmpty()
                           ? QCoreApplication::translate("sockscope::FormHelpers", "(nothing)")
                           : escapedText(bytes) + QStringLiteral("\n\n") + hexDump(bytes));
}

void setActionTips(QAction* action, const QString& tip) {
    const QKeySequence keys = action->shortcut();
    action->setToolTip(keys.isEmpty()
                           ? tip
                           : QCoreApplication::translate("sockscope::FormHelpers", "%1 (%2)")
                                 .arg(tip, keys.toString(QKeySequence::NativeText)));
    action->setStatusTip(tip);
}

} // namespace sockscope
