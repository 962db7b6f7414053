#pragma once

class QAction;
class QByteArray;
class QLabel;
class QPlainTextEdit;
class QString;
class QWidget;

namespace sockscope {

// The inline "what is wrong with this field" label shared by the dialogs and
// the send box: hidden while there is nothing to say.
QLabel* makeErrorLabel(QWidget* parent);
void showError(QLabel* label, const QString& error);
// Wrapped labels need more height at a given width than a window's minimum
// size tells; grows the window so that shown messages are not cut off.
void growToFit(QWidget* window);
// Moves a window that grew past the bottom of its screen up, as far as the
// top, so that its buttons stay in reach.
void keepOnScreen(QWidget* window);
// A read-only monospace view of bytes, for showing what was expected beside
// what came (the scenario and replay windows); showBytes() fills it with
// the escaped text, then the hex dump, so a difference shows in either.
QPlainTextEdit* makeBytesView(const QString& accessibleName, const QString& objectName,
                              QWidget* parent);
void showBytes(QPlainTextEdit* view, const QByteArray& bytes);
// An action's status tip is tip; its tool tip adds the shortcut, if it has
// one, so that hovering over a toolbar button teaches the key. Call after
// setShortcut().
void setActionTips(QAction* action, const QString& tip);

} // namespace sockscope
