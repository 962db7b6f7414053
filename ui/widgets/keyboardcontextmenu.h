#pragma once

class QAbstractItemView;

namespace sockscope {

// Shift+F10 opens a view's context menu at its current row, as the Menu key
// does: X11 styles do not map it, and keyboard users expect it. The view
// must use Qt::CustomContextMenu.
void addKeyboardContextMenu(QAbstractItemView* view);

} // namespace sockscope
