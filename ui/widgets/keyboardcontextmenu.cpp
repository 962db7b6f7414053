#include "keyboardcontextmenu.h"

#include <QAbstractItemView>
#include <QShortcut>

namespace sockscope {

void addKeyboardContextMenu(QAbstractItemView* view) {
    auto* shortcut = new QShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F10), view);
    shortcut->setContext(Qt::WidgetWithChildrenShortcut);
    QObject::connect(shortcut, &QShortcut::activated, view, [view] {
        const QRect row = view->visualRect(view->currentIndex());
        const QPoint at = row.isValid() ? row.center() : view->viewport()->rect().center();
        Q_EMIT view->customContextMenuRequested(at);
    });
}

} // namespace sockscope
