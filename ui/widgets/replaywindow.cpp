#include "replaywindow.h"

#include "base/endpoint.h"
#include "base/payloadtext.h"
#include "formhelpers.h"
#include "models/palettecolors.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sockscope {

namespace {
enum ListColumn { ConnColumn, TurnsColumn, ResultColumn };
enum TurnColumn { TurnNumberColumn, TurnDirectionColumn, TurnSizeColumn, TurnDataColumn };
constexpr int kPreviewChars = 120;

QWidget* titled(const QString& title, QWidget* content, QWidget* parent) {
    auto* box = new QWidget(parent);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(title, box));
    layout->addWidget(content, 1);
    return box;
}

QString resultText(const ReplayResult& r) {
    switch (r.outcome) {
    case ReplayResult::Outcome::Match:
        return ReplayWindow::tr("✔ matched");
    case ReplayResult::Outcome::Differ:
        return ReplayWindow::tr("✘ differs at turn %1").arg(r.message);
    case ReplayResult::Outcome::Unreachable:
        return ReplayWindow::tr("✘ unreachable");
    }
    return {};
}
} // namespace

ReplayWindow::ReplayWindow(std::vector<ReplayConversation> conversations, const QString& target,
                           QWidget* parent)
    : QDialog(parent)
    , m_conversations(std::move(conversations))
    , m_results(m_conversations.size())
    , m_target(new QLineEdit(target, this))
    , m_tls(new QCheckBox(tr("T&LS"), this))
    , m_verify(new QCheckBox(tr("&Verify its certificate"), this))
    , m_timing(new QComboBox(this))
    , m_scale(new QDoubleSpinBox(this))
    , m_masks(new QLineEdit(this))
    , m_replay(new QPushButton(tr("&Replay"), this))
    , m_status(new QLabel(this))
    , m_list(new QTreeWidget(this))
    , m_turns(new QTreeWidget(this))
    , m_reason(new QLabel(this))
    , m_expected(makeBytesView(tr("Recorded bytes"), QStringLiteral("recordedBytes"), this))
    , m_got(makeBytesView(tr("Received bytes"), QStringLiteral("receivedBytes"), this)) {
    setWindowTitle(tr("Replay against a live server"));
    m_target->setObjectName(QStringLiteral("replayTarget"));
    m_target->setPlaceholderText(tr("host:port of the server to test"));
    m_timing->addItem(tr("As fast as possible"), 0.0);
    m_timing->addItem(tr("Original pauses"), 1.0);
    m_timing->addItem(tr("Original pauses, scaled"), -1.0);
    m_scale->setRange(0, 1000);
    m_scale->setValue(0.5);
    m_scale->setPrefix(QStringLiteral("× "));
    m_scale->setEnabled(false);
    connect(m_timing, &QComboBox::currentIndexChanged, this,
            [this](int index) { m_scale->setEnabled(m_timing->itemData(index).toDouble() < 0); });
    m_masks->setPlaceholderText(tr("e.g. id=[0-9a-f]+  (regular expressions, separated by ||)"));
    m_masks->setToolTip(tr("Volatile fields of the server's answers (dates, ids) that are not "
                           "compared; several separated by ||"));
    auto* timingRow = new QHBoxLayout;
    timingRow->addWidget(m_timing, 1);
    timingRow->addWidget(m_scale);
    m_tls->setToolTip(tr("Talk TLS to the server, as a TLS client of the session would"));
    m_verify->setChecked(true);
    m_verify->setEnabled(false);
    m_verify->setToolTip(tr("Check the server's chain against the system's CAs and its name"));
    connect(m_tls, &QCheckBox::toggled, m_verify, &QWidget::setEnabled);
    auto* serverRow = new QHBoxLayout;
    serverRow->addWidget(m_target, 1);
    serverRow->addWidget(m_tls);
    serverRow->addWidget(m_verify);
    auto* serverLabel = new QLabel(tr("&Server:"), this);
    serverLabel->setBuddy(m_target);
    auto* form = new QFormLayout;
    form->addRow(serverLabel, serverRow);
    auto* timingLabel = new QLabel(tr("&Timing:"), this);
    timingLabel->setBuddy(m_timing);
    form->addRow(timingLabel, timingRow);
    form->addRow(tr("&Masks:"), m_masks);
    auto* replayRow = new QHBoxLayout;
    replayRow->addWidget(m_status, 1);
    replayRow->addWidget(m_replay);
    m_status->setWordWrap(true);
    m_status->setObjectName(QStringLiteral("replayStatus"));
    connect(m_replay, &QPushButton::clicked, this, &ReplayWindow::start);

    m_list->setObjectName(QStringLiteral("replayConversations"));
    m_list->setAccessibleName(tr("Conversations"));
    m_list->setHeaderLabels({tr("Conn"), tr("Turns"), tr("Result")});
    m_list->setRootIsDecorated(false);
    m_list->header()->setStretchLastSection(true);
    for (std::size_t i = 0; i < m_conversations.size(); ++i) {
        auto* item = new QTreeWidgetItem(m_list);
        item->setText(ConnColumn, tr("#%1").arg(m_conversations[i].conn));
        item->setText(TurnsColumn, QLocale().toString(qint64(m_conversations[i].turns.size())));
        item->setText(ResultColumn, tr("not replayed"));
    }
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        showConversation(item ? m_list->indexOfTopLevelItem(item) : -1);
    });

    m_turns->setObjectName(QStringLiteral("replayTurns"));
    m_turns->setAccessibleName(tr("The conversation's turns"));
    m_turns->setHeaderLabels({tr("Turn"), tr("Direction"), tr("Bytes"), tr("Data")});
    m_turns->setRootIsDecorated(false);
    m_turns->setUniformRowHeights(true);
    m_turns->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_reason->setWordWrap(true);
    m_reason->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* diff = new QSplitter(Qt::Vertical, this);
    diff->addWidget(titled(tr("Recorded (from the first byte that differs)"), m_expected, this));
    diff->addWidget(titled(tr("Received (from the same byte)"), m_got, this));
    auto* diffBox = new QWidget(this);
    auto* diffLayout = new QVBoxLayout(diffBox);
    diffLayout->setContentsMargins(0, 0, 0, 0);
    diffLayout->addWidget(m_reason);
    diffLayout->addWidget(diff, 1);
    auto* sideBySide = new QSplitter(Qt::Horizontal, this);
    sideBySide->addWidget(titled(tr("Conversations"), m_list, this));
    sideBySide->addWidget(titled(tr("Turns of the conversation"), m_turns, this));
    sideBySide->addWidget(diffBox);
    sideBySide->setStretchFactor(0, 1);
    sideBySide->setStretchFactor(1, 3);
    sideBySide->setStretchFactor(2, 2);
    const int em = fontMetrics().horizontalAdvance(u'M');
    sideBySide->setSizes({18 * em, 34 * em, 26 * em});
    m_list->setColumnWidth(ConnColumn, 6 * em);
    m_list->setColumnWidth(TurnsColumn, 4 * em);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(replayRow);
    layout->addWidget(sideBySide, 1);
    layout->addWidget(buttons);
    m_status->setText(
        tr("Conversations to replay as their client: %1").arg(m_conversations.size()));
    resize(980, 560);
    if (!m_conversations.empty())
        m_list->setCurrentItem(m_list->topLevelItem(0));
    m_replay->setDefault(true);
}

ReplayWindow::~ReplayWindow() = default;

std::optional<ReplayOptions> ReplayWindow::options(QString* error) const {
    ReplayOptions options;
    QString why;
    const std::optional<HostPort> target = parseHostPort(m_target->text().trimmed(), &why);
    if (!target || target->port == 0) {
        *error = tr("Server: %1").arg(target ? tr("port 0 cannot be connected to") : why);
        return std::nullopt;
    }
    options.host = target->host;
    options.port = target->port;
    options.tls.enabled = m_tls->isChecked();
    options.tls.verify = m_verify->isChecked();
    const double timing = m_timing->currentData().toDouble();
    options.timeScale = timing < 0 ? m_scale->value() : timing;
    for (const QString& pattern : m_masks->text().split(QStringLiteral("||"), Qt::SkipEmptyParts)) {
        const QRegularExpression mask(pattern.trimmed());
        if (!mask.isValid()) {
            *error = tr("Mask '%1' is not a regular expression: %2")
                         .arg(pattern.trimmed(), mask.errorString());
            return std::nullopt;
        }
        options.masks.append(mask);
    }
    return options;
}

bool ReplayWindow::start() {
    QString error;
    const std::optional<ReplayOptions> replayOptions = options(&error);
    if (!replayOptions) {
        m_status->setText(error);
        return false;
    }
    m_results.assign(m_conversations.size(), std::nullopt);
    for (int row = 0; row < m_list->topLevelItemCount(); ++row) {
        m_list->topLevelItem(row)->setText(ResultColumn, tr("waiting"));
        m_list->topLevelItem(row)->setForeground(ResultColumn, closedRowText(palette()));
    }
    // The last run's difference must not stay on screen beside this one.
    showConversation(m_list->indexOfTopLevelItem(m_list->currentItem()));
    m_player = std::make_unique<ReplayPlayer>(m_conversations, *replayOptions);
    connect(m_player.get(), &ReplayPlayer::conversationDone, this,
            &ReplayWindow::onConversationDone);
    connect(m_player.get(), &ReplayPlayer::finished, this, &ReplayWindow::onFinished);
    // Before start(): with nothing to play it finishes at once, inside it.
    m_replay->setEnabled(false);
    m_status->setText(tr("Replaying against %1…").arg(m_target->text().trimmed()));
    if (!m_player->start(&error)) {
        m_status->setText(error);
        m_replay->setEnabled(true);
        return false;
    }
    return true;
}

void ReplayWindow::onConversationDone(const ReplayResult& result) {
    const std::size_t row = m_player->results().size() - 1;
    m_results[row] = result;
    QTreeWidgetItem* item = m_list->topLevelItem(int(row));
    item->setText(ResultColumn, resultText(result));
    item->setForeground(ResultColumn, result.outcome == ReplayResult::Outcome::Match
                                          ? successForeground(palette())
                                          : errorForeground(palette()));
    // The first difference is what a person came for: show it at once.
    const bool firstDifference =
        result.outcome != ReplayResult::Outcome::Match &&
        std::none_of(m_results.begin(), m_results.begin() + qsizetype(row),
                     [](const auto& r) { return r && r->outcome != ReplayResult::Outcome::Match; });
    if (m_list->currentItem() == item)
        showConversation(int(row));
    else if (firstDifference)
        m_list->setCurrentItem(item);
}

void ReplayWindow::onFinished() {
    int matched = 0;
    for (const auto& r : m_results)
        matched += r && r->outcome == ReplayResult::Outcome::Match ? 1 : 0;
    const int total = int(m_results.size());
    m_status->setText(
        matched == total
            ? tr("All %1 conversations matched the recording.").arg(total)
            : tr("%1 of %2 conversations matched the recording.").arg(matched).arg(total));
    m_replay->setEnabled(true);
    m_replay->setText(tr("&Replay again"));
}

void ReplayWindow::showConversation(int row) {
    m_turns->clear();
    m_reason->clear();
    m_expected->clear();
    m_got->clear();
    if (row < 0)
        return;
    const ReplayConversation& conversation = m_conversations.at(row);
    const std::optional<ReplayResult>& result = m_results.at(row);
    const int differing =
        result && result->outcome == ReplayResult::Outcome::Differ ? result->message : 0;
    QList<QTreeWidgetItem*> items;
    for (std::size_t i = 0; i < conversation.turns.size(); ++i) {
        const ReplayTurn& turn = conversation.turns[i];
        auto* item = new QTreeWidgetItem;
        item->setText(TurnNumberColumn, QString::number(i + 1));
        item->setText(TurnDirectionColumn,
                      turn.fromClient ? tr("client → server") : tr("server → client"));
        item->setText(TurnSizeColumn, QLocale().toString(turn.bytes.size()));
        item->setText(TurnDataColumn, escapedPreview(turn.bytes, kPreviewChars));
        const Direction dir = turn.fromClient ? Direction::Out : Direction::In;
        item->setForeground(TurnDirectionColumn, directionForeground(palette(), dir));
        if (int(i + 1) == differing) {
            for (int column = 0; column < m_turns->columnCount(); ++column)
                item->setBackground(column, errorBackground(palette()));
        }
        items.append(item);
    }
    m_turns->addTopLevelItems(items);
    for (int column = TurnNumberColumn; column < TurnDataColumn; ++column)
        m_turns->resizeColumnToContents(column);
    if (!result) {
        m_reason->setText(tr("Not replayed yet."));
        return;
    }
    switch (result->outcome) {
    case ReplayResult::Outcome::Match:
        m_reason->setText(tr("Every answer of the server matched the recording."));
        return;
    case ReplayResult::Outcome::Unreachable:
        m_reason->setText(tr("The server could not be reached: %1").arg(result->reason));
        return;
    case ReplayResult::Outcome::Differ:
        break;
    }
    m_turns->scrollToItem(m_turns->topLevelItem(differing - 1));
    m_reason->setText(
        tr("Turn %1 differs at byte %2%3")
            .arg(result->message)
            .arg(QLocale().toString(result->offset))
            .arg(result->reason.isEmpty() ? QString() : QStringLiteral(": ") + result->reason));
    showBytes(m_expected, result->expected);
    showBytes(m_got, result->got);
}

} // namespace sockscope
