#include "connectionspanel.h"

#include "freshrowdelegate.h"
#include "listeneractions.h"
#include "models/connectionsmodel.h"

#include "keyboardcontextmenu.h"
#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>

#include <QMenu>
#include <QSortFilterProxyModel>
#include <QStyle>
#include <QTreeView>
#include <QVBoxLayout>

namespace sockscope {

namespace {
using Kind = ConnectionsModel::RowKind;
using State = ConnectionsModel::State;

Kind kindOf(const QModelIndex& index) {
    return Kind(index.siblingAtColumn(0).data(ConnectionsModel::RowKindRole).toInt());
}
State stateOf(const QModelIndex& index) {
    return State(index.siblingAtColumn(0).data(ConnectionsModel::StateRole).toInt());
}
int idOf(const QModelIndex& index) {
    return index.siblingAtColumn(0).data(ConnectionsModel::IdRole).toInt();
}
bool isConnection(const QModelIndex& index) {
    return index.isValid() && (kindOf(index) == Kind::Accepted || kindOf(index) == Kind::Outgoing);
}
} // namespace

ConnectionsPanel::ConnectionsPanel(ConnectionsModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTreeView(this))
    , m_listenerActions(new ListenerActions(this)) {
    m_proxy->setSourceModel(model);
    m_proxy->setSortRole(ConnectionsModel::SortRole);
    m_view->setModel(m_proxy);
    m_delegate = new FreshRowDelegate(m_view);
    m_view->setItemDelegate(m_delegate);
    m_view->setAccessibleName(tr("Connections"));
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(false);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setAllColumnsShowFocus(true);
    // No sort column at first: the model's own order (start order) until the
    // user clicks a header.
    m_view->header()->setSortIndicator(-1, Qt::AscendingOrder);
    m_view->setSortingEnabled(true);
    // Every column in view at 1280 pixels: loopback addresses fit whole,
    // longer ones lose their start, never the port (FreshRowDelegate), and
    // the Detail column has room for its gist; elided cells have tooltips.
    const QFontMetrics metrics = m_view->fontMetrics();
    const auto widthOf = [&](const QString& sample) {
        return metrics.horizontalAdvance(sample) + 2 * metrics.averageCharWidth();
    };
    QHeaderView* header = m_view->header();
    header->resizeSection(ConnectionsModel::NameColumn,
                          widthOf(tr("Outgoing clients")) + m_view->indentation());
    header->resizeSection(ConnectionsModel::LocalColumn,
                          widthOf(QStringLiteral("127.0.0.1:00000")));
    header->resizeSection(ConnectionsModel::PeerColumn, widthOf(QStringLiteral("127.0.0.1:00000")));
    header->resizeSection(ConnectionsModel::StateColumn, widthOf(tr("Half-closed by peer")));
    for (int column : {ConnectionsModel::BytesInColumn, ConnectionsModel::BytesOutColumn})
        header->resizeSection(column, widthOf(QStringLiteral("000.0 KiB")));
    m_detailWidth = widthOf(QStringLiteral("backlog 1024 · echo"));
    // Detail fills the rest; its size before stretching is the least it
    // keeps when the panel is narrow.
    header->resizeSection(ConnectionsModel::DetailColumn, 6 * metrics.averageCharWidth());
    header->setStretchLastSection(true);
    m_view->expandAll();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);

    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &ConnectionsPanel::expandInserted);
    connect(m_view, &QWidget::customContextMenuRequested, this, &ConnectionsPanel::showContextMenu);
    addKeyboardContextMenu(m_view);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        const int conn = currentConnection();
        if (conn != m_current) {
            m_current = conn;
            Q_EMIT currentConnectionChanged(conn);
        }
    });
}

QSize ConnectionsPanel::sizeHint() const {
    const QHeaderView* header = m_view->header();
    int width = m_detailWidth + 2 * m_view->frameWidth() +
                m_view->style()->pixelMetric(QStyle::PM_ScrollBarExtent);
    for (int column = 0; column < ConnectionsModel::DetailColumn; ++column)
        width += header->sectionSize(column);
    return {width, QWidget::sizeHint().height()};
}

int ConnectionsPanel::currentConnection() const {
    const QModelIndex current = m_view->currentIndex();
    return isConnection(current) ? idOf(current) : 0;
}

int ConnectionsPanel::currentListener() const {
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() && kindOf(current) == Kind::Listener ? idOf(current) : 0;
}

QString ConnectionsPanel::describeConnection(int conn) const {
    const QModelIndex row = m_model->indexOfConnection(conn);
    if (!row.isValid())
        return {};
    return tr("#%1  %2 ↔ %3")
        .arg(conn)
        .arg(row.siblingAtColumn(ConnectionsModel::LocalColumn).data().toString(),
             row.siblingAtColumn(ConnectionsModel::PeerColumn).data().toString());
}

void ConnectionsPanel::selectConnection(int conn) {
    const QModelIndex row = m_proxy->mapFromSource(m_model->indexOfConnection(conn));
    if (row.isValid())
        m_view->setCurrentIndex(row);
}

void ConnectionsPanel::clearClosed() {
    m_model->clearClosed();
}

void ConnectionsPanel::showContextMenu(const QPoint& pos) {
    const QModelIndex index = m_view->indexAt(pos);
    QMenu menu(this);
    if (!m_readOnly)
        addSocketActions(&menu, index);
    if (index.isValid() && kindOf(index) != Kind::OutgoingGroup) {
        const QString address = m_model->endpointText(m_proxy->mapToSource(index));
        if (!address.isEmpty()) {
            menu.addAction(tr("Copy &address %1").arg(address), this,
                           [address] { QGuiApplication::clipboard()->setText(address); });
        }
    }
    if (!m_readOnly) { // a saved session is a record: nothing in it is removed
        if (!menu.isEmpty())
            menu.addSeparator();
        menu.addAction(QIcon(QStringLiteral(":/icons/clear.svg")), tr("Clear c&losed"), this,
                       &ConnectionsPanel::clearClosed);
    }
    if (!menu.isEmpty())
        menu.exec(m_view->viewport()->mapToGlobal(pos));
}

void ConnectionsPanel::addSocketActions(QMenu* menu, const QModelIndex& index) {
    if (isConnection(index)) {
        const int conn = idOf(index);
        const bool open = m_model->isOpenConnection(m_proxy->mapToSource(index));
        const State state = stateOf(index);
        if (open && state != State::HalfClosedByUs) {
            menu->addAction(QIcon(QStringLiteral(":/icons/send.svg")), tr("&Send…"), this,
                            [this, conn] { Q_EMIT sendRequested(conn); });
            menu->addAction(QIcon(QStringLiteral(":/icons/half-close.svg")), tr("&Half-close"),
                            this, [this, conn] { Q_EMIT halfCloseRequested(conn); });
        }
        if (open) {
            // Stop reading: the kernel's buffer fills and TCP flow control
            // holds the peer back, so an endless stream costs no memory.
            const bool paused = m_readingPaused.contains(conn);
            menu->addAction(paused ? tr("&Resume reading") : tr("&Pause reading"), this,
                            [this, conn, paused] {
                                if (paused)
                                    m_readingPaused.remove(conn);
                                else
                                    m_readingPaused.insert(conn);
                                Q_EMIT readingPausedRequested(conn, !paused);
                            });
        }
        if (open || state == State::Connecting) {
            menu->addAction(QIcon(QStringLiteral(":/icons/close.svg")),
                            state == State::Connecting ? tr("&Cancel connect") : tr("&Close"), this,
                            [this, conn] { Q_EMIT closeRequested(conn); });
            QAction* abort = menu->addAction(tr("A&bort (RST)"), this,
                                             [this, conn] { Q_EMIT abortRequested(conn); });
            abort->setStatusTip(tr("Reset the connection: the peer gets an RST, and whatever is "
                                   "still queued either way is dropped"));
        }
        if (kindOf(index) == Kind::Outgoing && state != State::Connecting) {
            menu->addAction(QIcon(QStringLiteral(":/icons/connect.svg")), tr("Connect a&gain"),
                            this, [this, conn] { Q_EMIT connectAgainRequested(conn); });
        }
    } else if (index.isValid() && kindOf(index) == Kind::Listener &&
               stateOf(index) == State::Listening) {
        const int listenerId = idOf(index);
        m_listenerActions->addTo(menu, index);
        menu->addAction(QIcon(QStringLiteral(":/icons/close.svg")), tr("S&top listener"), this,
                        [this, listenerId] { Q_EMIT stopListenerRequested(listenerId); });
    }
}

void ConnectionsPanel::expandInserted(const QModelIndex& parent, int first, int last) {
    // New listeners (and the group) open expanded, so accepted connections
    // appear in view; a row the user collapsed stays collapsed.
    if (parent.isValid())
        return;
    for (int row = first; row <= last; ++row)
        m_view->expand(m_proxy->index(row, 0));
}

} // namespace sockscope
