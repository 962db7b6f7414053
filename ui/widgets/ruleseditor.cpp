#include "ruleseditor.h"

#include "base/payloadtext.h"
#include "engine/ruleset.h"
#include "formhelpers.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

namespace sockscope {

namespace {
// What a new rules file starts as: every part of the format once, so that
// it is edited rather than written from nothing.
constexpr char kExample[] = R"json({
  "sockscope_rules": 1,
  "framing": "line",
  "greeting": {"text": "220 ready\r\n"},
  "rules": [
    {"name": "login", "when": {"regex": "^LOGIN (?<user>\\w+)$"},
     "reply": {"text": "HELLO ${user}\r\n"}},
    {"name": "ping", "when": {"equals": "PING", "ignore_case": true},
     "reply": [{"text": "PONG\r\n"}, {"text": "PONG again\r\n", "delay_ms": 100}]},
    {"name": "quit", "when": {"equals": "QUIT"}, "reply": {"text": "BYE\r\n", "then": "close"}}
  ],
  "default": {"text": "ERR unknown command #${conn_counter}\r\n"}
}
)json";
} // namespace

RulesEditor::RulesEditor(const QString& path, QWidget* parent)
    : QDialog(parent)
    , m_path(path)
    , m_json(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
    , m_message(new QLineEdit(this))
    , m_answer(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this)) {
    setWindowTitle(path.isEmpty() ? tr("New rules") : tr("Rules — %1").arg(path));
    m_json->setObjectName(QStringLiteral("rulesJson"));
    m_json->setAccessibleName(tr("Rules as JSON"));
    m_json->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_json->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_json->setTabChangesFocus(true);
    m_json->setMinimumSize(m_json->fontMetrics().averageCharWidth() * 100,
                           m_json->fontMetrics().lineSpacing() * 18);
    QFile file(path);
    m_json->setPlainText(!path.isEmpty() && file.open(QIODevice::ReadOnly)
                             ? QString::fromUtf8(file.read(RuleSet::kMaxFileBytes))
                             : QString::fromUtf8(kExample));
    m_status->setObjectName(QStringLiteral("rulesStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setObjectName(QStringLiteral("tryMessage"));
    m_message->setAccessibleName(tr("Try a message"));
    m_message->setPlaceholderText(tr("A message as the client would send it, e.g. LOGIN bob"));
    m_message->setToolTip(tr("One framed message, without its line end; escapes \\r \\n \\t "
                             "\\xHH"));
    m_answer->setObjectName(QStringLiteral("tryAnswer"));
    m_answer->setWordWrap(true);
    m_answer->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* tryForm = new QFormLayout;
    tryForm->addRow(tr("&Try a message:"), m_message);
    tryForm->addRow(QString(), m_answer);
    auto* help = new QLabel(tr("The format is described in the user guide (Help → User "
                               "guide, Answering by rules)."),
                            this);
    help->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    // Grow with the status and answer lines as they wrap.
    layout->setSizeConstraint(QLayout::SetMinimumSize);
    layout->addWidget(m_json, 1);
    layout->addWidget(m_status);
    layout->addLayout(tryForm);
    layout->addWidget(help);
    layout->addWidget(m_buttons);

    connect(m_json, &QPlainTextEdit::textChanged, this, &RulesEditor::check);
    connect(m_message, &QLineEdit::textChanged, this, &RulesEditor::tryMessage);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &RulesEditor::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &RulesEditor::reject);
    check();
}

void RulesEditor::check() {
    QString error;
    m_rules = RuleSet::parse(m_json->toPlainText().toUtf8(), &error);
    const RuleSet* rules = m_rules.get();
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(rules != nullptr);
    if (!rules) {
        m_status->setText(tr("<b>Cannot be used:</b> %1").arg(error.toHtmlEscaped()));
    } else {
        m_status->setText(tr("Rules: %1, in order; the first that matches answers; %2.")
                              .arg(rules->rules().size())
                              .arg(rules->fallback().empty() ? tr("no default: unmatched "
                                                                  "messages get no answer")
                                                             : tr("a default for the rest")));
    }
    tryMessage();
}

void RulesEditor::tryMessage() {
    const RuleSet* rules = m_rules.get(); // as check() last parsed them
    if (!rules || m_message->text().isEmpty()) {
        m_answer->clear();
        return;
    }
    QString escapeError;
    const QByteArray message = unescapeText(m_message->text(), &escapeError);
    if (!escapeError.isEmpty()) {
        m_answer->setText(escapeError);
        return;
    }
    const RuleSet::Match match = rules->match(message);
    const bool matched = match.rule >= 0;
    const std::vector<RuleReply>& replies = rules->repliesFor(match);
    const QString who =
        matched ? tr("Rule “%1” answers").arg(rules->rules()[std::size_t(match.rule)].name)
        : replies.empty() ? tr("No rule matches, and there is no default")
                          : tr("No rule matches; the default answers");
    if (replies.empty()) {
        m_answer->setText(who + u'.');
        return;
    }
    // The first reply of a cycle, as for a connection's first such message.
    ReplyContext context;
    context.message = message;
    context.numbered = match.numbered;
    context.named = match.named;
    context.listenerCounter = 1;
    context.connectionCounter = 1;
    context.conn = 1;
    context.peer = QStringLiteral("127.0.0.1:50000");
    const RuleReply& reply = replies.front();
    const QByteArray bytes = reply.text ? reply.text->fill(context) : reply.bytes;
    QString text =
        tr("%1: %2").arg(who, bytes.isEmpty() ? tr("(nothing)") : escapedPreview(bytes, 300));
    if (reply.delayMs > 0)
        text += u' ' + tr("after %1 ms").arg(reply.delayMs);
    static const char* const kThen[] = {nullptr, QT_TR_NOOP("then half-closes"),
                                        QT_TR_NOOP("then closes"), QT_TR_NOOP("then resets")};
    if (const char* then = kThen[int(reply.then)])
        text += u' ' + tr(then);
    if (replies.size() > 1)
        text += u' ' + tr("(1st of a cycle of %1)").arg(replies.size());
    m_answer->setText(text);
}

void RulesEditor::accept() {
    QString path = m_path;
    if (path.isEmpty()) {
        path = QFileDialog::getSaveFileName(this, tr("Save rules"), QStringLiteral("rules.json"),
                                            tr("Rules (*.json);;All files (*)"));
        if (path.isEmpty())
            return;
    }
    QSaveFile file(path);
    const QByteArray json = m_json->toPlainText().toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
        m_status->setText(tr("<b>Not saved:</b> %1").arg(file.errorString().toHtmlEscaped()));
        return;
    }
    m_path = path;
    QDialog::accept();
}

} // namespace sockscope
