#include "connectionspanel.h"

#include "freshrowdelegate.h"
#include "listeneractions.h"
#include "models/connectionsmodel.h"

#include "keyboardcontextmenu.h"
#include <QClipboard>
#include <QEvent>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QUrl>

#include <QMenu>
#include <QSortFilterProxyModel>
#include <QStyle>
#include <QTreeView>
#include <QVBoxLayout>

namespace sockscope {

namespace {
// The bundled page (Help), so that the link works offline.
constexpr const char* kHowtoIdeasUrl = "qrc:/docs/howto-features.md";

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
    m_view->setItemDelegate(new FreshRowDelegate(m_view));
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
    // Each column's width is what its typical text needs: loopback
    // addresses whole (longer ones lose their start, never the port, in
    // FreshRowDelegate), every state word, byte counts up to "999.9 KiB".
    // fitColumns() decides which columns show.
    const QFontMetrics metrics = m_view->fontMetrics();
    const auto widthOf = [&](const QStringList& samples) {
        int widest = 0;
        for (const QString& sample : samples)
            widest = qMax(widest, metrics.horizontalAdvance(sample));
        return widest + 2 * metrics.averageCharWidth();
    };
    const auto headerWidth = [&](int column) {
        // Room for the sort arrow beside the title.
        return widthOf({m_model->headerData(column, Qt::Horizontal).toString()}) +
               m_view->header()->style()->pixelMetric(QStyle::PM_HeaderMarkSize) +
               2 * m_view->header()->style()->pixelMetric(QStyle::PM_HeaderMargin);
    };
    const QString address = QStringLiteral("127.0.0.1:00000");
    const int indent = m_view->indentation();
    static_assert(ConnectionsModel::ColumnCount == 7);
    m_widths[ConnectionsModel::NameColumn] =
        qMax(widthOf({tr("Outgoing clients"), tr("Listener #%1").arg(999)}) + indent,
             widthOf({QStringLiteral("#99999")}) + 2 * indent);
    m_widths[ConnectionsModel::LocalColumn] = widthOf({address});
    m_widths[ConnectionsModel::PeerColumn] = widthOf({address});
    m_widths[ConnectionsModel::StateColumn] = widthOf(
        {ConnectionsModel::stateText(State::HalfClosedByPeer),
         ConnectionsModel::stateText(State::Connecting), ConnectionsModel::tr("Closed, peer first"),
         ConnectionsModel::tr("%1 · reading paused").arg(ConnectionsModel::stateText(State::Open)),
         ConnectionsModel::tr("Paused · %1 waiting").arg(999)});
    for (int column : {ConnectionsModel::BytesInColumn, ConnectionsModel::BytesOutColumn})
        m_widths[std::size_t(column)] =
            qMax(widthOf({QStringLiteral("999.9 KiB")}), headerWidth(column));
    m_detailWidth = widthOf({QStringLiteral("backlog 4096 · echo · 99 accepted")});
    m_detailMinWidth = widthOf({QStringLiteral("backlog 4096")});
    m_widths[ConnectionsModel::DetailColumn] = m_detailMinWidth;
    for (int column = 0; column < ConnectionsModel::ColumnCount; ++column)
        m_widths[std::size_t(column)] = qMax(m_widths[std::size_t(column)], headerWidth(column));
    QHeaderView* header = m_view->header();
    header->setMinimumSectionSize(metrics.averageCharWidth() * 4);
    header->setStretchLastSection(true);
    m_view->viewport()->installEventFilter(this);
    m_view->expandAll();

    m_emptyState = new QLabel(this);
    m_emptyState->setObjectName(QStringLiteral("emptyState"));
    m_emptyState->setAccessibleName(tr("Getting started"));
    m_emptyState->setWordWrap(true);
    m_emptyState->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_emptyState->setMargin(12);
    m_emptyState->setTextFormat(Qt::RichText);
    m_emptyState->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_emptyState->setFrameShape(QFrame::StyledPanel);
    m_emptyState->setBackgroundRole(QPalette::Base);
    m_emptyState->setAutoFillBackground(true);
    const auto keys = [](QKeySequence sequence) {
        return sequence.toString(QKeySequence::NativeText).toHtmlEscaped();
    };
    m_emptyState->setText(
        tr("<p><b>No sockets yet.</b> Start one, or look at a saved session:</p>"
           "<p><a href=\"listen\">Listen…</a> (%1) &nbsp; <a href=\"connect\">Connect…</a> (%2) "
           "&nbsp; <a href=\"open\">Open a session…</a> (%3)</p>"
           "<p>A server socket only makes client sockets: start a listener, connect to it, and "
           "watch both ends. <a href=\"%4\">More ideas from the socket HOWTO</a></p>")
            .arg(keys(QKeySequence(Qt::CTRL | Qt::Key_L)), keys(QKeySequence(Qt::CTRL | Qt::Key_N)),
                 keys(QKeySequence(QKeySequence::Open)), QLatin1String(kHowtoIdeasUrl)));
    connect(m_emptyState, &QLabel::linkActivated, this, &ConnectionsPanel::openLink);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_emptyState);
    layout->addWidget(m_view);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_model, signal, this, &ConnectionsPanel::updateEmptyState);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ConnectionsPanel::updateEmptyState);
    updateEmptyState();
    connect(this, &ConnectionsPanel::readingPausedRequested, m_model,
            &ConnectionsModel::setReadingPaused);

    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &ConnectionsPanel::expandInserted);
    connect(m_view, &QWidget::customContextMenuRequested, this, &ConnectionsPanel::showContextMenu);
    addKeyboardContextMenu(m_view);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        Q_EMIT currentRowChanged(m_proxy->mapToSource(m_view->currentIndex().siblingAtColumn(0)));
        noticeCurrentConnection();
    });
    // The selection model says nothing when the current row goes with its
    // parent's parent (Clear closed taking a relay's client leg and the
    // upstream leg under it): the current index just turns invalid.
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this,
            &ConnectionsPanel::noticeCurrentConnection);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this,
            &ConnectionsPanel::noticeCurrentConnection);
    connect(m_proxy, &QAbstractItemModel::modelReset, this,
            &ConnectionsPanel::noticeCurrentConnection);
}

void ConnectionsPanel::noticeCurrentConnection() {
    const int conn = currentConnection();
    if (conn != m_current) {
        m_current = conn;
        Q_EMIT currentConnectionChanged(conn);
    }
}

QSize ConnectionsPanel::sizeHint() const {
    int width = m_detailWidth + 2 * m_view->frameWidth() +
                m_view->style()->pixelMetric(QStyle::PM_ScrollBarExtent);
    for (int column = 0; column < ConnectionsModel::DetailColumn; ++column)
        width += m_widths[std::size_t(column)];
    return {width, QWidget::sizeHint().height()};
}

QSize ConnectionsPanel::minimumSizeHint() const {
    int width = 2 * m_view->frameWidth() + m_view->style()->pixelMetric(QStyle::PM_ScrollBarExtent);
    for (int column = 0; column <= ConnectionsModel::StateColumn; ++column)
        width += m_widths[std::size_t(column)];
    return {width, QWidget::minimumSizeHint().height()};
}

void ConnectionsPanel::setReadOnly(bool readOnly) {
    m_readOnly = readOnly;
    updateEmptyState();
}

bool ConnectionsPanel::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        fitColumns();
    return QWidget::eventFilter(watched, event);
}

void ConnectionsPanel::fitColumns() {
    const auto widthOf = [this](int first, int last) {
        int sum = 0;
        for (int column = first; column <= last; ++column)
            sum += m_widths[std::size_t(column)];
        return sum;
    };
    const int available = m_view->viewport()->width();
    const int essential = widthOf(ConnectionsModel::NameColumn, ConnectionsModel::StateColumn);
    const int bytes = widthOf(ConnectionsModel::BytesInColumn, ConnectionsModel::BytesOutColumn);
    const bool showBytes = available >= essential + bytes;
    const bool showDetail = available >= essential + (showBytes ? bytes : 0) + m_detailMinWidth;
    QHeaderView* header = m_view->header();
    header->setSectionHidden(ConnectionsModel::BytesInColumn, !showBytes);
    header->setSectionHidden(ConnectionsModel::BytesOutColumn, !showBytes);
    header->setSectionHidden(ConnectionsModel::DetailColumn, !showDetail);
    for (int column = 0; column < ConnectionsModel::DetailColumn; ++column)
        header->resizeSection(column, m_widths[std::size_t(column)]);
}

void ConnectionsPanel::updateEmptyState() {
    const int topRows = m_model->rowCount();
    const bool empty =
        topRows == 1 && m_model->rowCount(m_model->index(topRows - 1, 0)) == 0; // the group alone
    const bool show = empty && !m_readOnly;
    m_emptyState->setVisible(show);
    m_view->setVisible(!show);
}

void ConnectionsPanel::openLink(const QString& link) {
    if (link == u"listen")
        Q_EMIT listenRequested();
    else if (link == u"connect")
        Q_EMIT connectRequested();
    else if (link == u"open")
        Q_EMIT openSessionRequested();
    else
        Q_EMIT guideRequested(QUrl(link));
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
            const bool paused = index.data(ConnectionsModel::ReadingPausedRole).toBool();
            menu->addAction(paused ? tr("&Resume reading") : tr("&Pause reading"), this,
                            [this, conn, paused] { Q_EMIT readingPausedRequested(conn, !paused); });
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
    // appear in view, and so does a relay's client leg, so that its upstream
    // leg shows under it; a row the user collapsed stays collapsed.
    for (int row = first; row <= last; ++row) {
        const QModelIndex index = m_proxy->index(row, 0, parent);
        if (!parent.isValid() || m_proxy->hasChildren(index))
            m_view->expand(index);
    }
    // An upstream leg that arrives after its client's leg was shown.
    if (parent.isValid() && parent.parent().isValid())
        m_view->expand(parent);
}

} // namespace sockscope
