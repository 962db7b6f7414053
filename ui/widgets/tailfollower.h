#pragma once

#include <QObject>

class QAbstractItemView;

namespace sockscope {

// Keeps a view scrolled to its newest row while the user has it scrolled to
// the bottom, and leaves it alone once they scroll up to read.
class TailFollower final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TailFollower)
public:
    // The view must already have its model.
    explicit TailFollower(QAbstractItemView* view);

    bool isAtBottom() const;

private:
    void scheduleScroll();

    QAbstractItemView* m_view = nullptr;
    bool m_follow = true;
    bool m_scrollPending = false;
};

} // namespace sockscope
