#pragma once

#include <QSet>
#include <QWidget>

class QMenu;
class QModelIndex;
class QSortFilterProxyModel;
class QTreeView;

namespace sockscope {

class ConnectionsModel;
class FreshRowDelegate;
class ListenerActions;

// The session's sockets: listeners with their accepted connections, and the
// outgoing clients. Selecting a connection targets the rest of the window at
// it; the context menu acts on it through the signals.
class ConnectionsPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionsPanel)
public:
    explicit ConnectionsPanel(ConnectionsModel* model, QWidget* parent = nullptr);

    // Wide enough for every column, the Detail column's gist included.
    QSize sizeHint() const override;

    // 0 when no connection (or a listener, or the group row) is selected.
    int currentConnection() const;
    // The listener of the selected listener row, else 0.
    int currentListener() const;
    // A short "peer ← local" description of a connection, for titles.
    QString describeConnection(int conn) const;
    void selectConnection(int conn);
    void clearClosed();
    // A saved session's sockets are history: the context menu offers no
    // send, close or stop.
    void setReadOnly(bool readOnly) { m_readOnly = readOnly; }

    QTreeView* view() const { return m_view; }
    QSortFilterProxyModel* proxy() const { return m_proxy; }
    FreshRowDelegate* delegate() const { return m_delegate; }
    ListenerActions* listenerActions() const { return m_listenerActions; }

Q_SIGNALS:
    void currentConnectionChanged(int conn);
    void sendRequested(int conn);
    void halfCloseRequested(int conn);
    void closeRequested(int conn);
    void abortRequested(int conn); // an RST instead of a FIN
    // A new client like this outgoing one: same target, options and first words.
    void connectAgainRequested(int conn);
    void stopListenerRequested(int listenerId);
    void readingPausedRequested(int conn, bool paused);

public:
    // The context menu's actions for a row (of the proxy); public so tests
    // can drive the menu without a blocking exec().
    void addSocketActions(QMenu* menu, const QModelIndex& index);

private:
    void showContextMenu(const QPoint& pos);
    void expandInserted(const QModelIndex& parent, int first, int last);

    QSet<int> m_readingPaused; // connections the person paused, for the menu's wording
    ConnectionsModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTreeView* m_view = nullptr;
    FreshRowDelegate* m_delegate = nullptr;
    ListenerActions* m_listenerActions = nullptr;
    int m_current = 0;
    bool m_readOnly = false;
    int m_detailWidth = 0;
};

} // namespace sockscope
