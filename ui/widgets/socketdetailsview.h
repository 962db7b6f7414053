#pragma once

#include <QPersistentModelIndex>
#include <QPointer>
#include <QTextBrowser>

namespace sockscope {

class ConnectionsModel;

// Everything about the listener, connection or group row selected in the
// connections tree, one labelled line per field: the bind address and
// backlog, both ends' ports, how it ended, bytes each way, what the capture
// dropped and why. The tree's columns show the gist; this shows the rest.
// It follows the row as the session changes it.
class SocketDetailsView final : public QTextBrowser {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SocketDetailsView)
public:
    explicit SocketDetailsView(QWidget* parent = nullptr);

    // A row of a ConnectionsModel (any column), or an invalid index.
    void showRow(const QModelIndex& row);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void watch(const ConnectionsModel* model);
    void rowsChanged(const QModelIndex& topLeft, const QModelIndex& bottomRight);
    void refresh();

    QPersistentModelIndex m_row;
    QPointer<const ConnectionsModel> m_model;
    QString m_lastHtml;   // unchanged details leave a selection alone
    bool m_stale = false; // changed while hidden
};

} // namespace sockscope
