#pragma once

#include <QWidget>

#include <array>

class QLabel;
class QMenu;
class QModelIndex;
class QSortFilterProxyModel;
class QTreeView;
class QUrl;

namespace sockscope {

class ConnectionsModel;
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
    // Wide enough for Name, Local, Peer and State, which are never cut.
    QSize minimumSizeHint() const override;

    // 0 when no connection (or a listener, or the group row) is selected.
    int currentConnection() const;
    // The listener of the selected listener row, else 0.
    int currentListener() const;
    // A short "peer ← local" description of a connection, for titles.
    QString describeConnection(int conn) const;
    void selectConnection(int conn);
    void clearClosed();
    // A saved session's sockets are history: the context menu offers no
    // send, close or stop, and no first-run hints show.
    void setReadOnly(bool readOnly);

    QTreeView* view() const { return m_view; }
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
    // The selected row of the model (column 0), or an invalid index.
    void currentRowChanged(const QModelIndex& row);
    // The empty state's links: the window's Listen, Connect and Open actions.
    void listenRequested();
    void connectRequested();
    void openSessionRequested();
    // A page of the bundled guide, e.g. the HOWTO ideas.
    void guideRequested(const QUrl& page);

public:
    // The context menu's actions for a row (of the proxy); public so tests
    // can drive the menu without a blocking exec().
    void addSocketActions(QMenu* menu, const QModelIndex& index);

private:
    void showContextMenu(const QPoint& pos);
    void expandInserted(const QModelIndex& parent, int first, int last);
    bool eventFilter(QObject* watched, QEvent* event) override;
    // Gives Name, Local, Peer and State their whole width, then the byte
    // columns, then Detail, hiding what does not fit; the last shown stretches.
    void fitColumns();
    void updateEmptyState();
    // Emits currentConnectionChanged when the current row's connection
    // differs from the last one told.
    void noticeCurrentConnection();
    void openLink(const QString& link);

    ConnectionsModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTreeView* m_view = nullptr;
    ListenerActions* m_listenerActions = nullptr;
    int m_current = 0;
    bool m_readOnly = false;
    QLabel* m_emptyState = nullptr; // instead of the tree while the session has no socket yet
    std::array<int, 7> m_widths{};  // by column: what its typical text needs
    int m_detailWidth = 0;          // the Detail column's gist
    int m_detailMinWidth = 0;       // less than this and Detail is hidden
};

} // namespace sockscope
