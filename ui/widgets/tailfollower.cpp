#include "tailfollower.h"

#include <QAbstractItemView>
#include <QScrollBar>
#include <QTimer>

namespace sockscope {

TailFollower::TailFollower(QAbstractItemView* view)
    : QObject(view)
    , m_view(view) {
    QAbstractItemModel* model = view->model();
    // Decided before the rows arrive: afterwards the new rows have already
    // moved the bottom away.
    connect(model, &QAbstractItemModel::rowsAboutToBeInserted, this,
            [this] { m_follow = m_follow || isAtBottom(); });
    connect(model, &QAbstractItemModel::rowsInserted, this, &TailFollower::scheduleScroll);
    connect(view->verticalScrollBar(), &QScrollBar::valueChanged, this, [this] {
        if (!m_scrollPending)
            m_follow = isAtBottom();
    });
}

bool TailFollower::isAtBottom() const {
    const QScrollBar* bar = m_view->verticalScrollBar();
    return bar->value() >= bar->maximum() - 1;
}

void TailFollower::scheduleScroll() {
    if (!m_follow || m_scrollPending)
        return;
    m_scrollPending = true;
    // The view lays out new rows lazily; scrolling now would stop short.
    QTimer::singleShot(0, this, [this] {
        m_view->scrollToBottom();
        m_scrollPending = false;
        m_follow = true;
    });
}

} // namespace sockscope
