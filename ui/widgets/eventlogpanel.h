#pragma once

#include <QWidget>

class QTableView;

namespace sockscope {

class EventLogModel;

// The session's lifecycle: listens, accepts, connects, closes and errors,
// with errors highlighted.
class EventLogPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLogPanel)
public:
    explicit EventLogPanel(EventLogModel* model, QWidget* parent = nullptr);

    QTableView* view() const { return m_view; }

Q_SIGNALS:
    // An event about a connection was selected: the window follows it.
    void connectionPicked(int conn);

private:
    QTableView* m_view = nullptr;
};

} // namespace sockscope
