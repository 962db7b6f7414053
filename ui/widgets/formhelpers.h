#pragma once

class QLabel;
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

} // namespace sockscope
