#include "bindprobedialog.h"

#include "base/endpoint.h"
#include "models/palettecolors.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace sockscope {

BindProbeDialog::BindProbeDialog(const QString& local, QWidget* parent)
    : QDialog(parent)
    , m_status(new QLabel(this))
    , m_table(new QTableWidget(0, ColumnCount, this)) {
    setWindowTitle(tr("Who can reach %1?").arg(local));
    QString error;
    if (const std::optional<HostPort> hostPort = parseHostPort(local, &error)) {
        m_address = QHostAddress(hostPort->host);
        m_port = hostPort->port;
    }
    m_probe = new BindScopeProbe(m_address, m_port, this);

    auto* explanation =
        new QLabel(tr("The address a listener binds to decides who can connect: <b>localhost</b> "
                      "(127.0.0.1) is only visible within the machine; the empty address "
                      "(<b>any</b>, 0.0.0.0 or ::) is reachable through every address the machine "
                      "has. Each row below is a real connection to port %1 from one of this "
                      "machine's addresses.")
                       .arg(m_port),
                   this);
    explanation->setWordWrap(true);
    explanation->setAccessibleName(tr("Explanation"));
    m_status->setAccessibleName(tr("Probe status"));

    m_table->setAccessibleName(tr("Reachability by address"));
    m_table->setHorizontalHeaderLabels(
        {tr("Connect to"), tr("Result"), tr("Listener saw"), tr("Time")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_again = buttons->addButton(tr("Probe &again"), QDialogButtonBox::ActionRole);
    m_again->setAccessibleName(tr("Probe again"));
    buttons->button(QDialogButtonBox::Close)->setAccessibleName(tr("Close"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addWidget(m_status);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(640, 360);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_again, &QPushButton::clicked, this, &BindProbeDialog::probe);
    connect(m_probe, &BindScopeProbe::finished, this, &BindProbeDialog::showResults);
    if (m_port == 0) {
        m_status->setText(tr("Not a listener's address: %1").arg(error));
        m_again->setEnabled(false);
    }
    probe();
}

void BindProbeDialog::probe() {
    if (m_port == 0 || m_probe->isRunning())
        return;
    m_again->setEnabled(false);
    m_status->setText(tr("Probing…"));
    m_probe->start();
}

QString BindProbeDialog::outcomeText(const ProbeResult& result) {
    switch (result.outcome) {
    case ProbeResult::Outcome::Reachable:
        return result.viaDualStack ? tr("reachable (IPv4 via dual stack)") : tr("reachable");
    case ProbeResult::Outcome::Refused:
        return tr("refused: nothing listens on this address");
    case ProbeResult::Outcome::Unreachable:
        return tr("unreachable");
    case ProbeResult::Outcome::Timeout:
        return tr("timeout: no answer (firewall, or a full accept queue)");
    case ProbeResult::Outcome::Failed:
        return result.message;
    }
    return {};
}

void BindProbeDialog::showResults(const QList<ProbeResult>& results) {
    m_table->setRowCount(int(results.size()));
    const QPalette& palette = m_table->palette();
    for (int row = 0; row < results.size(); ++row) {
        const ProbeResult& result = results[row];
        const bool reachable = result.outcome == ProbeResult::Outcome::Reachable;
        const QColor background =
            reachable ? directionBackground(palette, Direction::In) : errorBackground(palette);
        const QStringList cells = {
            result.address.toString(), outcomeText(result), result.seenAs,
            tr("%1 ms").arg(QLocale().toString(double(result.elapsedUs) / 1000.0, 'f', 1))};
        for (int column = 0; column < ColumnCount; ++column) {
            auto* item = new QTableWidgetItem(cells[column]);
            item->setBackground(background);
            if (column == OutcomeColumn && !result.message.isEmpty())
                item->setToolTip(result.message);
            m_table->setItem(row, column, item);
        }
    }
    m_status->setText(tr("Probed %1 addresses of this machine.").arg(results.size()));
    m_again->setEnabled(true);
    Q_EMIT probed(results);
}

} // namespace sockscope
