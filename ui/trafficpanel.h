#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace sockscope {

class TrafficFilterModel;
class TrafficModel;

// The chunks that crossed the connections, newest at the bottom, filtered to
// the selected connection unless "All connections" is on, with a find bar.
class TrafficPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrafficPanel)
public:
    explicit TrafficPanel(TrafficModel* model, QWidget* parent = nullptr);

    // The connection selected elsewhere; 0 when none (or a listener) is.
    void setConnection(int conn, const QString& description = {});
    // The connection whose chunks are shown; 0 means all.
    int shownConnection() const;

    void showFindBar();
    // Selects the next (or previous) chunk whose preview or payload contains
    // text, wrapping around; false if none does.
    bool find(const QString& text, bool backward = false);

    QTableView* view() const { return m_view; }
    TrafficFilterModel* filterModel() const { return m_filter; }
    QCheckBox* allConnectionsToggle() const { return m_all; }
    QLineEdit* findEdit() const { return m_findEdit; }

Q_SIGNALS:
    // The selected chunk's bytes; empty when no chunk is selected.
    void currentChunkChanged(const QByteArray& payload);

private:
    QWidget* makeFindBar();
    void applyFilter();
    bool matches(int proxyRow, const QString& text) const;

    TrafficFilterModel* m_filter = nullptr;
    QTableView* m_view = nullptr;
    QLabel* m_title = nullptr;
    QCheckBox* m_all = nullptr;
    QWidget* m_findBar = nullptr;
    QLineEdit* m_findEdit = nullptr;
    QLabel* m_findStatus = nullptr;
    int m_conn = 0;
    QString m_description;
};

} // namespace sockscope
