#include "systemsocketspanel.h"

#include "models/systemsocketsmodel.h"
#include "system/systemsocketspoller.h"
#include "systemsocketsfilter.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace sockscope {

namespace {
// The states worth filtering by, in the order a connection lives through them.
constexpr TcpState kFilterStates[] = {
    TcpState::Listen,   TcpState::SynSent,  TcpState::SynRecv,   TcpState::Established,
    TcpState::FinWait1, TcpState::FinWait2, TcpState::CloseWait, TcpState::Closing,
    TcpState::LastAck,  TcpState::TimeWait,
};
} // namespace

SystemSocketsPanel::SystemSocketsPanel(QWidget* parent)
    : QWidget(parent)
    , m_model(new SystemSocketsModel(this))
    , m_filter(new SystemSocketsFilter(this))
    , m_poller(new SystemSocketsPoller(this))
    , m_view(new QTableView(this)) {
    m_filter->setSourceModel(m_model);
    m_view->setModel(m_filter);
    m_view->setAccessibleName(tr("System sockets"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    // The kernel's order (listeners first) until the user clicks a header.
    m_view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_view->setSortingEnabled(true);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    const auto widthOf = [this](const QString& sample) {
        return m_view->fontMetrics().horizontalAdvance(sample) +
               3 * m_view->fontMetrics().averageCharWidth();
    };
    QHeaderView* header = m_view->horizontalHeader();
    header->resizeSection(SystemSocketsModel::StateColumn, widthOf(QStringLiteral("ESTABLISHED")));
    for (int column : {SystemSocketsModel::LocalColumn, SystemSocketsModel::RemoteColumn})
        header->resizeSection(column, widthOf(QStringLiteral("[::ffff:127.0.0.1]:00000")));
    for (int column : {SystemSocketsModel::RecvQColumn, SystemSocketsModel::SendQColumn,
                       SystemSocketsModel::PidColumn, SystemSocketsModel::UidColumn})
        header->resizeSection(column, widthOf(QStringLiteral("0000000")));
    header->resizeSection(SystemSocketsModel::InodeColumn, widthOf(QStringLiteral("000000000")));
    header->setSectionResizeMode(SystemSocketsModel::ProcessColumn, QHeaderView::Stretch);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->hide();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(createControls());
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);

    connect(m_poller, &SystemSocketsPoller::snapshotReady, this,
            &SystemSocketsPanel::applySnapshot);
}

QWidget* SystemSocketsPanel::createControls() {
    auto* controls = new QWidget(this);
    m_filterEdit = new QLineEdit(controls);
    m_filterEdit->setPlaceholderText(tr("Filter: address, port, process…"));
    m_filterEdit->setAccessibleName(tr("Filter system sockets"));
    m_filterEdit->setClearButtonEnabled(true);

    m_stateBox = new QComboBox(controls);
    m_stateBox->setAccessibleName(tr("Show state"));
    m_stateBox->setToolTip(tr("Show only sockets in this TCP state"));
    m_stateBox->addItem(tr("All states"));
    for (TcpState state : kFilterStates)
        m_stateBox->addItem(tcpStateName(state), int(state));

    m_ownOnly = new QCheckBox(tr("Only SockScope's &own"), controls);
    m_ownOnly->setAccessibleName(tr("Only SockScope's own sockets"));
    m_ownOnly->setToolTip(tr("Show only the sockets this SockScope process holds"));

    m_pause = new QToolButton(controls);
    m_pause->setText(tr("&Pause"));
    m_pause->setCheckable(true);
    m_pause->setAccessibleName(tr("Pause refreshing"));
    m_pause->setToolTip(tr("Stop refreshing the list, to look at it while it holds still"));
    m_refresh = new QToolButton(controls);
    m_refresh->setText(tr("&Refresh"));
    m_refresh->setAccessibleName(tr("Refresh now"));
    m_refresh->setToolTip(tr("Read the machine's sockets now"));

    m_ephemeral = new QLabel(controls);
    m_ephemeral->setAccessibleName(tr("Ephemeral port range"));
    m_ephemeral->setToolTip(tr("A client that connects without binding gets its local port "
                               "from this range (net.ipv4.ip_local_port_range)"));

    auto* layout = new QHBoxLayout(controls);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filterEdit, 1);
    layout->addWidget(m_stateBox);
    layout->addWidget(m_ownOnly);
    layout->addWidget(m_pause);
    layout->addWidget(m_refresh);
    layout->addWidget(m_ephemeral);

    connect(m_filterEdit, &QLineEdit::textChanged, m_filter, &SystemSocketsFilter::setText);
    connect(m_stateBox, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant state = m_stateBox->currentData();
        m_filter->setState(state.isValid() ? std::optional(TcpState(state.toInt())) : std::nullopt);
    });
    connect(m_ownOnly, &QCheckBox::toggled, m_filter, &SystemSocketsFilter::setOwnOnly);
    connect(m_pause, &QToolButton::toggled, this, &SystemSocketsPanel::updatePolling);
    connect(m_refresh, &QToolButton::clicked, m_poller, &SystemSocketsPoller::pollNow);
    return controls;
}

QString SystemSocketsPanel::ephemeralPortsText() const {
    const std::optional<PortRange> range = m_model->ephemeralPorts();
    if (!range)
        return {};
    return tr("Ephemeral ports %1–%2").arg(range->first).arg(range->last);
}

void SystemSocketsPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    updatePolling();
}

void SystemSocketsPanel::hideEvent(QHideEvent* event) {
    QWidget::hideEvent(event);
    updatePolling();
}

void SystemSocketsPanel::updatePolling() {
    // A hidden table needs no reads: each one costs a readlink per open
    // descriptor of the machine.
    const bool wanted = isVisible() && !m_pause->isChecked();
    if (wanted && !m_poller->isActive())
        m_poller->start();
    else if (!wanted && m_poller->isActive())
        m_poller->stop();
}

void SystemSocketsPanel::applySnapshot(const SystemSnapshot& snapshot) {
    const QString before = ephemeralPortsText();
    m_model->applySnapshot(snapshot);
    m_status->setVisible(!snapshot.error.isEmpty());
    m_status->setText(snapshot.error);
    const QString after = ephemeralPortsText();
    m_ephemeral->setText(after);
    if (after != before)
        Q_EMIT ephemeralPortsChanged(after);
}

} // namespace sockscope
