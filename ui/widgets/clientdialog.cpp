#include "clientdialog.h"

#include "base/endpoint.h"
#include "base/payloadtext.h"
#include "formhelpers.h"
#include "keeppolicyedit.h"
#include "preferences.h"
#include "tlsoptionsbox.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace sockscope {

namespace {
const QString kRecentHostsKey = QStringLiteral("clientDialog/recentHosts");
const QString kPortKey = QStringLiteral("clientDialog/port");
const QString kNoDelayKey = QStringLiteral("clientDialog/noDelay");
const QString kKeepAliveKey = QStringLiteral("clientDialog/keepAlive");

// "host:port" pasted into the host field is split, as people copy endpoints
// from the connections list; a bare IPv6 address is left alone.
std::optional<HostPort> splitEndpoint(const QString& text) {
    QString ignored;
    return parseHostPort(text, &ignored);
}

QString bareHost(const QString& text) {
    QString host = text.trimmed();
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    return host;
}
} // namespace

ClientDialog::ClientDialog(QWidget* parent)
    : QDialog(parent)
    , m_host(new QComboBox(this))
    , m_hostError(makeErrorLabel(this))
    , m_port(new QSpinBox(this))
    , m_sendOnConnect(new QLineEdit(this))
    , m_sendError(makeErrorLabel(this))
    , m_oneExchange(new QCheckBox(tr("&One exchange: half-close after sending"), this))
    , m_keep(new KeepPolicyEdit(this))
    , m_sourceAddress(new QLineEdit(this))
    , m_sourcePort(new QSpinBox(this))
    , m_sourceError(makeErrorLabel(this))
    , m_noDelay(new QCheckBox(tr("&TCP_NODELAY: small writes leave at once"), this))
    , m_keepAlive(new QCheckBox(tr("SO_KEEPA&LIVE: probe the peer while idle"), this))
    , m_tls(new TlsOptionsBox(TlsOptionsBox::Side::Client, this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
    setWindowTitle(tr("Connect to a server"));

    m_host->setEditable(true);
    m_host->setMinimumWidth(fontMetrics().averageCharWidth() * 48);
    m_host->setInsertPolicy(QComboBox::NoInsert);
    m_host->setAccessibleName(tr("Host"));
    m_host->setToolTip(tr("A name or address; HOST:PORT is split into host and port."));

    m_port->setRange(1, 65535);
    m_port->setAccessibleName(tr("Port"));

    m_sendOnConnect->setAccessibleName(tr("Send on connect"));
    m_sendOnConnect->setObjectName(QStringLiteral("sendOnConnect"));
    m_sendOnConnect->setPlaceholderText(tr("Optional, e.g. GET / HTTP/1.0\\r\\n\\r\\n"));
    m_sendOnConnect->setToolTip(tr("Sent as soon as the connection is up. Escapes: \\n \\r "
                                   "\\t \\\\ \\0 \\xHH \\u{hhhh}."));
    m_oneExchange->setAccessibleName(tr("One exchange"));
    m_oneExchange->setToolTip(tr("The socket HOWTO's client: send the request, shut down the "
                                 "write side, then read until the server closes."));

    m_sourceAddress->setObjectName(QStringLiteral("sourceAddress"));
    m_sourceAddress->setAccessibleName(tr("Source address"));
    m_sourceAddress->setPlaceholderText(tr("Any: the kernel picks by route"));
    m_sourceAddress->setToolTip(tr("Bind the client to this address of this machine before "
                                   "connecting: localhost, any, any6 or a literal address."));
    m_sourcePort->setObjectName(QStringLiteral("sourcePort"));
    m_sourcePort->setRange(0, 65535);
    m_sourcePort->setSpecialValueText(tr("ephemeral: the kernel picks"));
    m_sourcePort->setAccessibleName(tr("Source port"));
    m_sourcePort->setToolTip(tr("0 takes an ephemeral port. A fixed port that another socket "
                                "holds, or whose last connection is still in TIME_WAIT, fails "
                                "with EADDRINUSE: SockScope does not set SO_REUSEADDR."));
    m_noDelay->setObjectName(QStringLiteral("noDelay"));
    m_noDelay->setAccessibleName(tr("TCP_NODELAY"));
    m_noDelay->setToolTip(tr("Turns off Nagle's algorithm, which otherwise holds small writes "
                             "back while earlier data is unacknowledged."));
    m_keepAlive->setObjectName(QStringLiteral("keepAlive"));
    m_keepAlive->setAccessibleName(tr("SO_KEEPALIVE"));
    m_keepAlive->setToolTip(tr("The kernel probes a connection that stays idle (after 2 hours "
                               "by default, net.ipv4.tcp_keepalive_time)."));

    auto* socketForm = new QFormLayout;
    socketForm->addRow(tr("Source &address:"), m_sourceAddress);
    socketForm->addRow(tr("Source po&rt:"), m_sourcePort);
    socketForm->addRow(QString(), m_sourceError);
    socketForm->addRow(QString(), m_noDelay);
    socketForm->addRow(QString(), m_keepAlive);
    auto* socketBox = new QGroupBox(tr("Client socket"), this);
    socketBox->setLayout(socketForm);

    auto* form = new QFormLayout;
    form->addRow(tr("&Host:"), m_host);
    form->addRow(QString(), m_hostError);
    form->addRow(tr("&Port:"), m_port);
    form->addRow(tr("&Send on connect:"), m_sendOnConnect);
    m_sendError->setObjectName(QStringLiteral("sendError"));
    form->addRow(QString(), m_sendError);
    form->addRow(QString(), m_oneExchange);
    form->addRow(tr("&Keep payload:"), m_keep);

    auto* layout = new QVBoxLayout(this);
    // Grow with the error lines as they appear.
    layout->setSizeConstraint(QLayout::SetMinimumSize);
    layout->addLayout(form);
    layout->addWidget(m_tls);
    layout->addWidget(socketBox);
    layout->addStretch();
    layout->addWidget(m_buttons);

    connect(m_host, &QComboBox::editTextChanged, this, &ClientDialog::validate);
    connect(m_sendOnConnect, &QLineEdit::textChanged, this, &ClientDialog::validate);
    connect(m_sourceAddress, &QLineEdit::textChanged, this, &ClientDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ClientDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ClientDialog::reject);

    loadSettings();
    validate();
}

ClientConfig ClientDialog::config() const {
    return m_config;
}

QPushButton* ClientDialog::okButton() const {
    return m_buttons->button(QDialogButtonBox::Ok);
}

void ClientDialog::accept() {
    validate();
    if (!okButton()->isEnabled())
        return;
    ClientConfig config;
    if (const auto endpoint = splitEndpoint(m_host->currentText())) {
        config.host = endpoint->host;
        config.port = endpoint->port;
    } else {
        config.host = bareHost(m_host->currentText());
        config.port = quint16(m_port->value());
    }
    QString error;
    config.sendOnConnect = unescapeText(m_sendOnConnect->text(), &error);
    config.halfCloseAfterSend = m_oneExchange->isChecked();
    config.keep = m_keep->policy();
    config.sourceAddress = m_sourceAddress->text().trimmed();
    config.sourcePort = quint16(m_sourcePort->value());
    config.noDelay = m_noDelay->isChecked();
    config.keepAlive = m_keepAlive->isChecked();
    config.tls = m_tls->options();
    m_config = config;
    saveSettings();
    QDialog::accept();
}

void ClientDialog::validate() {
    const QString host = bareHost(m_host->currentText());
    QString splitError;
    const auto endpoint = parseHostPort(host, &splitError);
    QString hostError;
    if (host.isEmpty())
        hostError = tr("Enter a host name or address.");
    else if (host.contains(QChar::Space))
        hostError = tr("A host name cannot contain spaces.");
    else if (endpoint && endpoint->port == 0)
        hostError = tr("Port 0 cannot be connected to.");
    else if (!endpoint && host.contains(u':') && QHostAddress(host).isNull())
        hostError = splitError;
    showError(m_hostError, hostError);
    m_port->setEnabled(!endpoint);

    QString sendError;
    unescapeText(m_sendOnConnect->text(), &sendError);
    showError(m_sendError, sendError);

    const QString bindError = sourceError();
    showError(m_sourceError, bindError);

    okButton()->setEnabled(hostError.isEmpty() && sendError.isEmpty() && bindError.isEmpty());
    growToFit(this);
}

QString ClientDialog::sourceError() const {
    const QString typed = m_sourceAddress->text().trimmed();
    if (typed.isEmpty())
        return {};
    QString error;
    const std::optional<QHostAddress> source = parseBindAddress(typed, &error);
    if (!source)
        return error;
    // A literal target of the other family can never be reached from it.
    const auto endpoint = splitEndpoint(m_host->currentText());
    const QHostAddress target(endpoint ? endpoint->host : bareHost(m_host->currentText()));
    const bool eitherFamily = source->protocol() == QAbstractSocket::AnyIPProtocol;
    if (target.isNull() || eitherFamily || target.protocol() == source->protocol())
        return {};
    return tr("%1 is an IPv%2 address and cannot reach %3; use any6 or an IPv%4 address.")
        .arg(typed)
        .arg(source->protocol() == QAbstractSocket::IPv4Protocol ? 4 : 6)
        .arg(target.toString())
        .arg(target.protocol() == QAbstractSocket::IPv4Protocol ? 4 : 6);
}

void ClientDialog::loadSettings() {
    const QSettings settings;
    const QStringList hosts = settings.value(kRecentHostsKey).toStringList();
    m_host->addItems(hosts.isEmpty() ? QStringList{QStringLiteral("localhost")} : hosts);
    m_host->setCurrentIndex(0);
    m_port->setValue(settings.value(kPortKey, 8080).toInt());
    m_keep->setPolicy(defaultKeepPolicy());
    m_noDelay->setChecked(settings.value(kNoDelayKey, false).toBool());
    m_keepAlive->setChecked(settings.value(kKeepAliveKey, false).toBool());
}

void ClientDialog::saveSettings() const {
    QSettings settings;
    QStringList hosts = settings.value(kRecentHostsKey).toStringList();
    hosts.removeAll(m_config.host);
    hosts.prepend(m_config.host);
    settings.setValue(kRecentHostsKey, hosts.mid(0, kMaxRecentHosts));
    settings.setValue(kPortKey, m_config.port);
    settings.setValue(kNoDelayKey, m_config.noDelay);
    settings.setValue(kKeepAliveKey, m_config.keepAlive);
}

} // namespace sockscope
