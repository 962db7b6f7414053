#include "listenerdialog.h"

#include "base/endpoint.h"
#include "engine/filesource.h"
#include "engine/ruleset.h"
#include "formhelpers.h"
#include "keeppolicyedit.h"
#include "preferences.h"
#include "ruleseditor.h"
#include "tlsoptionsbox.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkInterface>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>

namespace sockscope {

namespace {
constexpr int kFirstUnprivilegedPort = 1024;

const QString kAddressKey = QStringLiteral("listenerDialog/address");
const QString kPortKey = QStringLiteral("listenerDialog/port");
const QString kBacklogKey = QStringLiteral("listenerDialog/backlog");
const QString kResponderKey = QStringLiteral("listenerDialog/responder");
const QString kReplyFileKey = QStringLiteral("listenerDialog/replyFile");
const QString kRulesFileKey = QStringLiteral("listenerDialog/rulesFile");
const QString kUpstreamKey = QStringLiteral("listenerDialog/upstream");
const QString kRewritesKey = QStringLiteral("listenerDialog/rewrites");

using Kind = ResponderConfig::Kind;
} // namespace

ListenerDialog::ListenerDialog(QWidget* parent)
    : QDialog(parent)
    , m_address(new QComboBox(this))
    , m_addressError(makeErrorLabel(this))
    , m_port(new QSpinBox(this))
    , m_portHint(new QLabel(this))
    , m_backlog(new QSpinBox(this))
    , m_responder(new QComboBox(this))
    , m_replyFile(new QLineEdit(this))
    , m_browse(new QPushButton(tr("Browse…"), this))
    , m_editRules(new QPushButton(tr("&Edit…"), this))
    , m_fileLabel(new QLabel(tr("Reply &file:"), this))
    , m_replyError(makeErrorLabel(this))
    , m_upstream(new QLineEdit(this))
    , m_upstreamError(makeErrorLabel(this))
    , m_rewrites(new QPlainTextEdit(this))
    , m_rewritesError(makeErrorLabel(this))
    , m_upstreamTls(new TlsOptionsBox(TlsOptionsBox::Side::Client, this))
    , m_keep(new KeepPolicyEdit(this))
    , m_tls(new TlsOptionsBox(TlsOptionsBox::Side::Server, this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel |
                                         QDialogButtonBox::RestoreDefaults,
                                     this)) {
    setWindowTitle(tr("Start listener"));

    m_address->setEditable(true);
    m_address->setMinimumWidth(fontMetrics().averageCharWidth() * 48);
    m_address->setInsertPolicy(QComboBox::NoInsert);
    m_address->setAccessibleName(tr("Bind address"));
    m_address->setToolTip(tr("Who can reach the listener: localhost is this machine only, "
                             "0.0.0.0 every IPv4 interface, :: every interface (IPv6 and "
                             "IPv4), or one interface's address."));
    fillAddresses();

    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("any free port"));
    m_port->setAccessibleName(tr("Port"));
    m_port->setToolTip(tr("0 lets the kernel pick a free port; the real port appears in the "
                          "connections list."));
    m_portHint->setWordWrap(true);
    m_portHint->setText(tr("Ports below 1024 are privileged: binding them needs root or "
                           "CAP_NET_BIND_SERVICE."));

    m_backlog->setRange(1, 65535);
    m_backlog->setAccessibleName(tr("Backlog"));
    m_backlog->setToolTip(tr("How many connections the kernel queues before they are "
                             "accepted (capped by net.core.somaxconn)."));

    m_responder->addItem(tr("Manual: I type the answers"), int(Kind::Manual));
    m_responder->addItem(tr("Echo: send back what arrives"), int(Kind::Echo));
    m_responder->addItem(tr("Discard: read and ignore"), int(Kind::Discard));
    m_responder->addItem(tr("Reply: send a file to each client"), int(Kind::Reply));
    m_responder->addItem(tr("Rules: answer each message by a rules file"), int(Kind::Rules));
    m_responder->addItem(tr("Forward to…: relay each client to a server"), int(Kind::Forward));
    m_responder->setAccessibleName(tr("Responder"));
    m_responder->setToolTip(tr("How the listener answers accepted connections by itself."));

    m_replyFile->setAccessibleName(tr("Reply file"));
    m_replyFile->setPlaceholderText(tr("File whose bytes each client receives"));
    m_browse->setAccessibleName(tr("Browse for reply file"));
    m_upstream->setObjectName(QStringLiteral("forwardTo"));
    m_upstream->setAccessibleName(tr("Forward to"));
    m_upstream->setPlaceholderText(tr("HOST:PORT of the server, e.g. 127.0.0.1:8080"));
    m_upstream->setToolTip(tr("Each accepted connection opens its own connection to this "
                              "server, and SockScope relays between the two, showing both."));
    m_rewrites->setObjectName(QStringLiteral("rewriteRules"));
    m_rewrites->setAccessibleName(tr("Rewrite rules"));
    m_rewrites->setPlaceholderText(tr("Optional, one rule per line, e.g. up:s/secret/******/"));
    m_rewrites->setToolTip(
        tr("Match and replace on the relayed bytes, as --rewrite: [up:|down:|both:] then "
           "s/TEXT/TEXT/ (with escapes \\r \\n \\xHH), x/HEX/HEX/ or r/REGEX/REPLACEMENT/ "
           "(per line, \\1 to \\9 for groups). Rules apply in order; a pattern split "
           "across reads still matches."));
    m_rewritesError->setObjectName(QStringLiteral("rewriteRulesError"));
    m_tls->setObjectName(QStringLiteral("listenerTls"));
    m_upstreamTls->setObjectName(QStringLiteral("upstreamTls"));
    m_upstreamTls->setTitle(tr("&TLS to the server"));
    m_upstreamTls->setAccessibleName(tr("TLS to the server"));
    m_upstreamTls->setToolTip(
        tr("Each relay connects to the server with TLS (forward-tls) and shows the plaintext; "
           "whether clients use TLS to reach SockScope is the Use TLS box's choice"));
    m_rewrites->setTabChangesFocus(true);
    m_rewrites->setLineWrapMode(QPlainTextEdit::NoWrap); // a line is a rule
    m_rewrites->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_rewrites->setFixedHeight(m_rewrites->fontMetrics().lineSpacing() * 4 + 12);
    m_editRules->setObjectName(QStringLiteral("editRules"));
    m_editRules->setToolTip(tr("Edit the rules, and try a message against them"));
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_replyFile, 1);
    fileRow->addWidget(m_browse);
    fileRow->addWidget(m_editRules);

    auto* form = new QFormLayout;
    form->addRow(tr("&Address:"), m_address);
    form->addRow(QString(), m_addressError);
    form->addRow(tr("&Port:"), m_port);
    form->addRow(QString(), m_portHint);
    form->addRow(tr("&Backlog:"), m_backlog);
    form->addRow(tr("&Responder:"), m_responder);
    m_fileLabel->setBuddy(m_replyFile); // a row holding a layout gets no buddy by itself
    form->addRow(m_fileLabel, fileRow);
    form->addRow(QString(), m_replyError);
    form->addRow(tr("&Forward to:"), m_upstream);
    form->addRow(QString(), m_upstreamError);
    form->addRow(tr("Re&write:"), m_rewrites);
    form->addRow(QString(), m_rewritesError);
    form->addRow(QString(), m_upstreamTls);
    form->addRow(tr("&Keep payload:"), m_keep);

    auto* layout = new QVBoxLayout(this);
    // Grow with the error and hint lines as they appear.
    layout->setSizeConstraint(QLayout::SetMinimumSize);
    layout->addLayout(form);
    layout->addWidget(m_tls);
    layout->addStretch();
    layout->addWidget(m_buttons);

    connect(m_address, &QComboBox::editTextChanged, this, &ListenerDialog::validate);
    connect(m_port, &QSpinBox::valueChanged, this, &ListenerDialog::validate);
    connect(m_responder, &QComboBox::currentIndexChanged, this, &ListenerDialog::validate);
    connect(m_replyFile, &QLineEdit::textChanged, this, &ListenerDialog::validate);
    connect(m_upstream, &QLineEdit::textChanged, this, &ListenerDialog::validate);
    connect(m_rewrites, &QPlainTextEdit::textChanged, this, &ListenerDialog::validate);
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, m_fileLabel->text().remove(u'&'),
                                                          m_replyFile->text());
        if (!path.isEmpty())
            m_replyFile->setText(path);
    });
    connect(m_editRules, &QPushButton::clicked, this, [this] {
        RulesEditor editor(m_replyFile->text().trimmed(), this);
        if (editor.exec() == QDialog::Accepted) {
            m_replyFile->setText(editor.path());
            validate(); // the same path: its new contents are checked again
        }
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ListenerDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ListenerDialog::reject);
    QPushButton* defaults = m_buttons->button(QDialogButtonBox::RestoreDefaults);
    defaults->setToolTip(tr("localhost, any free port, the default backlog, Manual"));
    connect(defaults, &QPushButton::clicked, this, [this] {
        ListenerConfig config;
        config.keep = defaultKeepPolicy();
        setConfig(config);
    });

    loadSettings();
    validate();
}

ListenerConfig ListenerDialog::config() const {
    return m_config;
}

void ListenerDialog::setConfig(const ListenerConfig& config) {
    const int known = m_address->findData(config.address);
    m_address->setEditText(known >= 0 ? m_address->itemText(known) : config.address);
    m_port->setValue(config.port);
    m_backlog->setValue(config.backlog);
    m_responder->setCurrentIndex(m_responder->findData(int(config.responder.kind)));
    m_replyFile->setText(config.responder.kind == Kind::Rules ? config.responder.rulesSource
                                                              : config.responder.replySource);
    m_upstream->setText(config.responder.upstream.host.isEmpty()
                            ? QString()
                            : formatHostPort(config.responder.upstream));
    QStringList specs;
    for (const RewriteRule& rule : config.responder.rewrites)
        specs.append(rule.spec);
    m_rewrites->setPlainText(specs.join(u'\n'));
    m_keep->setPolicy(config.keep);
    m_upstreamTls->setOptions(config.responder.upstreamTls);
    m_tls->setOptions(config.tls);
    validate();
}

QPushButton* ListenerDialog::okButton() const {
    return m_buttons->button(QDialogButtonBox::Ok);
}

void ListenerDialog::accept() {
    validate();
    if (!okButton()->isEnabled())
        return;
    ListenerConfig config;
    config.address = addressValue();
    config.port = quint16(m_port->value());
    config.backlog = m_backlog->value();
    config.keep = m_keep->policy();
    config.tls = m_tls->options();
    const auto kind = Kind(m_responder->currentData().toInt());
    if (kind == Kind::Reply || kind == Kind::Rules) {
        // The file is opened now, so a file that vanished since validation
        // is reported here rather than as a listener that answers nothing.
        QString error;
        const QString prefix =
            kind == Kind::Reply ? QStringLiteral("reply:") : QStringLiteral("rules:");
        const auto responder = ResponderConfig::parse(prefix + m_replyFile->text(), &error);
        if (!responder) {
            showError(m_replyError, error);
            return;
        }
        config.responder = *responder;
    } else if (kind == Kind::Forward) {
        config.responder = *forwardResponder(nullptr);
        config.responder.rewrites = *rewriteRules(nullptr);
        config.responder.upstreamTls = m_upstreamTls->options();
    } else {
        config.responder.kind = kind;
    }
    m_config = config;
    QDialog::accept();
}

void ListenerDialog::fillAddresses() {
    m_address->addItem(tr("localhost (127.0.0.1)"), QStringLiteral("localhost"));
    m_address->addItem(tr("All IPv4 (0.0.0.0)"), QStringLiteral("any"));
    m_address->addItem(tr("All IPv6 + IPv4 (::)"), QStringLiteral("any6"));
    const auto interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface& iface : interfaces) {
        if (!iface.flags().testFlag(QNetworkInterface::IsUp))
            continue;
        const auto entries = iface.addressEntries();
        for (const QNetworkAddressEntry& entry : entries) {
            const QHostAddress& ip = entry.ip();
            // Link-local IPv6 needs a scope id to be usable; it clutters more
            // than it helps here, and can still be typed.
            if (ip.isLinkLocal())
                continue;
            m_address->addItem(tr("%1 (%2)").arg(ip.toString(), iface.humanReadableName()),
                               ip.toString());
        }
    }
}

std::optional<ResponderConfig> ListenerDialog::forwardResponder(QString* error) const {
    QString reason;
    auto responder =
        ResponderConfig::parse(QStringLiteral("forward:") + m_upstream->text().trimmed(), &reason);
    if (!responder && error)
        *error = reason;
    return responder;
}

std::optional<RewriteRules> ListenerDialog::rewriteRules(QString* error) const {
    RewriteRules rules;
    const QStringList lines = m_rewrites->toPlainText().split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        if (line.isEmpty())
            continue;
        QString reason;
        const std::optional<RewriteRule> rule = RewriteRule::parse(line, &reason);
        if (!rule) {
            if (error)
                *error = tr("Rule on line %1: %2").arg(i + 1).arg(reason);
            return std::nullopt;
        }
        rules.append(*rule);
    }
    return rules;
}

QString ListenerDialog::addressValue() const {
    const QString text = m_address->currentText();
    const int known = m_address->findText(text, Qt::MatchExactly);
    return known >= 0 ? m_address->itemData(known).toString() : text.trimmed();
}

void ListenerDialog::validate() {
    QString addressError;
    const bool addressOk = parseBindAddress(addressValue(), &addressError).has_value();
    showError(m_addressError, addressOk ? QString() : addressError);

    const int port = m_port->value();
    m_portHint->setVisible(port > 0 && port < kFirstUnprivilegedPort);

    const Kind kind = Kind(m_responder->currentData().toInt());
    const bool rules = kind == Kind::Rules;
    const bool wantsFile = kind == Kind::Reply || rules;
    m_replyFile->setEnabled(wantsFile);
    m_browse->setEnabled(wantsFile);
    m_editRules->setVisible(rules);
    m_fileLabel->setText(rules ? tr("Rules &file:") : tr("Reply &file:"));
    m_replyFile->setPlaceholderText(rules ? tr("A rules file (JSON); Edit… makes one")
                                          : tr("File whose bytes each client receives"));
    QString fileError;
    if (rules) {
        QString reason;
        if (m_replyFile->text().isEmpty())
            fileError = tr("Choose a rules file, or Edit… to write one.");
        else if (!RuleSet::load(m_replyFile->text(), &reason))
            fileError = reason;
    } else if (wantsFile) {
        // Opened as the listener will open it (without blocking on a FIFO),
        // so the reason shown is the one it would meet.
        QString reason;
        if (m_replyFile->text().isEmpty())
            fileError = tr("Choose the file to send to each client.");
        else if (!FileSource::open(m_replyFile->text(), &reason))
            fileError = tr("'%1' cannot be sent: %2.").arg(m_replyFile->text(), reason);
    }
    showError(m_replyError, fileError);

    const bool forwards = Kind(m_responder->currentData().toInt()) == Kind::Forward;
    m_upstream->setEnabled(forwards);
    QString upstreamError;
    if (forwards && m_upstream->text().trimmed().isEmpty())
        upstreamError = tr("Type the server to forward to, as HOST:PORT.");
    else if (forwards)
        forwardResponder(&upstreamError);
    showError(m_upstreamError, upstreamError);
    m_rewrites->setEnabled(forwards);
    m_upstreamTls->setEnabled(forwards);
    QString rewritesError;
    if (forwards)
        rewriteRules(&rewritesError);
    showError(m_rewritesError, rewritesError);

    okButton()->setEnabled(addressOk && fileError.isEmpty() && upstreamError.isEmpty() &&
                           rewritesError.isEmpty());
    growToFit(this);
}

void ListenerDialog::loadSettings() {
    const QSettings settings;
    ListenerConfig config;
    config.address = settings.value(kAddressKey, config.address).toString();
    config.port = quint16(settings.value(kPortKey, 0).toUInt());
    config.backlog = settings.value(kBacklogKey, ListenerConfig::kDefaultBacklog).toInt();
    config.responder.kind = Kind(settings.value(kResponderKey, int(Kind::Manual)).toInt());
    if (m_responder->findData(int(config.responder.kind)) < 0)
        config.responder.kind = Kind::Manual;
    config.responder.replySource = settings.value(kReplyFileKey).toString();
    config.responder.rulesSource = settings.value(kRulesFileKey).toString();
    QString ignored; // a remembered upstream was valid when it was stored
    if (const auto upstream = parseHostPort(settings.value(kUpstreamKey).toString(), &ignored))
        config.responder.upstream = *upstream;
    for (const QString& spec : settings.value(kRewritesKey).toStringList()) {
        if (const auto rule = RewriteRule::parse(spec, &ignored))
            config.responder.rewrites.append(*rule);
    }
    config.keep = defaultKeepPolicy();
    setConfig(config);
}

void ListenerDialog::rememberWorking(const ListenerConfig& config) {
    QSettings settings;
    settings.setValue(kAddressKey, config.address);
    settings.setValue(kPortKey, config.port);
    settings.setValue(kBacklogKey, config.backlog);
    settings.setValue(kResponderKey, int(config.responder.kind));
    if (config.responder.kind == Kind::Reply)
        settings.setValue(kReplyFileKey, config.responder.replySource);
    if (config.responder.kind == Kind::Rules)
        settings.setValue(kRulesFileKey, config.responder.rulesSource);
    if (config.responder.kind == Kind::Forward) {
        settings.setValue(kUpstreamKey, formatHostPort(config.responder.upstream));
        QStringList specs;
        for (const RewriteRule& rule : config.responder.rewrites)
            specs.append(rule.spec);
        settings.setValue(kRewritesKey, specs);
    }
}

} // namespace sockscope
