#include "scenariowindow.h"

#include "base/endpoint.h"
#include "formhelpers.h"
#include "messagelibrary.h"
#include "models/palettecolors.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sockscope {

namespace {
enum Column { NumberColumn, StepColumn, ResultColumn, TimeColumn };

// The window's saved messages, for {"send": {"library": NAME}} in a file
// that names no library of its own.
std::optional<QByteArray> savedMessage(const QString& name) {
    const MessageLibrary library;
    const int row = library.rowOf(name);
    if (row < 0)
        return std::nullopt;
    QString ignored;
    return library.message(row).bytes(&ignored);
}

} // namespace

ScenarioWindow::ScenarioWindow(Engine* engine, QString path, QWidget* parent)
    : QDialog(parent)
    , m_engine(engine)
    , m_path(std::move(path))
    , m_title(new QLabel(this))
    , m_status(new QLabel(this))
    , m_steps(new QTreeWidget(this))
    , m_failure(new QWidget(this))
    , m_reason(new QLabel(m_failure))
    , m_expected(makeBytesView(tr("Expected bytes"), QStringLiteral("expectedBytes"), m_failure))
    , m_got(makeBytesView(tr("Received bytes"), QStringLiteral("receivedBytes"), m_failure)) {
    setWindowTitle(tr("Scenario – %1").arg(QFileInfo(m_path).fileName()));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_status->setWordWrap(true);
    m_status->setObjectName(QStringLiteral("scenarioStatus"));

    m_steps->setObjectName(QStringLiteral("scenarioSteps"));
    m_steps->setAccessibleName(tr("Steps"));
    m_steps->setHeaderLabels({tr("#"), tr("Step"), tr("Result"), tr("Time")});
    m_steps->setRootIsDecorated(false);
    m_steps->setUniformRowHeights(true);
    m_steps->setAlternatingRowColors(true);
    m_steps->header()->setStretchLastSection(false);
    m_steps->header()->setSectionResizeMode(StepColumn, QHeaderView::Stretch);
    const QFontMetrics metrics = m_steps->fontMetrics();
    m_steps->setColumnWidth(NumberColumn, metrics.horizontalAdvance(QStringLiteral("00000")));
    m_steps->setColumnWidth(ResultColumn, metrics.horizontalAdvance(tr("✘ failed")) + 24);
    m_steps->setColumnWidth(TimeColumn, metrics.horizontalAdvance(QStringLiteral("00,000 ms")));

    m_reason->setWordWrap(true);
    m_reason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* expectedBox = new QWidget(m_failure);
    auto* expectedLayout = new QVBoxLayout(expectedBox);
    expectedLayout->setContentsMargins(0, 0, 0, 0);
    expectedLayout->addWidget(new QLabel(tr("Expected (from the first byte that differs)")));
    expectedLayout->addWidget(m_expected);
    auto* gotBox = new QWidget(m_failure);
    auto* gotLayout = new QVBoxLayout(gotBox);
    gotLayout->setContentsMargins(0, 0, 0, 0);
    gotLayout->addWidget(new QLabel(tr("Received (from the same byte)")));
    gotLayout->addWidget(m_got);
    auto* sideBySide = new QSplitter(Qt::Horizontal, m_failure);
    sideBySide->addWidget(expectedBox);
    sideBySide->addWidget(gotBox);
    auto* failureLayout = new QVBoxLayout(m_failure);
    failureLayout->setContentsMargins(0, 0, 0, 0);
    failureLayout->addWidget(m_reason);
    failureLayout->addWidget(sideBySide, 1);
    m_failure->hide();

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_runAgain = buttons->addButton(tr("&Run again"), QDialogButtonBox::ActionRole);
    m_runAgain->setToolTip(tr("Read the file again and run it on a new connection"));
    m_stop = buttons->addButton(tr("&Stop"), QDialogButtonBox::ActionRole);
    m_stop->setToolTip(tr("End the run now and close its connection"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    connect(m_runAgain, &QPushButton::clicked, this, &ScenarioWindow::runAgain);
    connect(m_stop, &QPushButton::clicked, this, [this] {
        if (m_runner)
            m_runner->stop();
    });

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_steps);
    splitter->addWidget(m_failure);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_status);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);
    resize(720, 520);
}

ScenarioWindow::~ScenarioWindow() = default;

bool ScenarioWindow::run(QString* error) {
    ScenarioLoadOptions options;
    options.library = savedMessage;
    std::optional<Scenario> scenario = loadScenario(m_path, options, error);
    if (!scenario)
        return false;
    showSteps(*scenario);
    m_runner = std::make_unique<ScenarioRunner>(m_engine, std::move(*scenario));
    connect(m_runner.get(), &ScenarioRunner::connectionStarted, this,
            [this](int conn) { m_status->setText(tr("Running on connection #%1…").arg(conn)); });
    connect(m_runner.get(), &ScenarioRunner::stepStarted, this, &ScenarioWindow::onStepStarted);
    connect(m_runner.get(), &ScenarioRunner::stepFinished, this, &ScenarioWindow::onStepFinished);
    connect(m_runner.get(), &ScenarioRunner::finished, this, &ScenarioWindow::onFinished);
    m_runAgain->setEnabled(false);
    m_stop->setEnabled(true);
    m_runner->start();
    return true;
}

void ScenarioWindow::showSteps(const Scenario& scenario) {
    const ClientConfig& target = scenario.steps.front().connect;
    m_title->setText(tr("%1 — %2%3")
                         .arg(scenario.name, formatHostPort({target.host, target.port}),
                              target.tls.enabled ? tr(" (TLS)") : QString()));
    m_steps->clear();
    m_failure->hide();
    m_passed = 0;
    QList<QTreeWidgetItem*> items;
    for (std::size_t i = 0; i < scenario.steps.size(); ++i) {
        const ScenarioStep& step = scenario.steps.at(i);
        auto* item = new QTreeWidgetItem;
        item->setText(NumberColumn, QString::number(i + 1));
        item->setText(StepColumn, step.name.isEmpty()
                                      ? step.summary()
                                      : tr("%1: %2").arg(step.name, step.summary()));
        item->setToolTip(StepColumn, item->text(StepColumn));
        item->setText(ResultColumn, tr("waiting"));
        item->setForeground(ResultColumn, closedRowText(palette()));
        items.append(item);
    }
    m_steps->addTopLevelItems(items);
    m_status->setText(tr("Running %1 steps…").arg(scenario.steps.size()));
}

void ScenarioWindow::onStepStarted(int step) {
    QTreeWidgetItem* item = m_steps->topLevelItem(step);
    item->setText(ResultColumn, tr("▶ running"));
    item->setForeground(ResultColumn, palette().color(QPalette::Text));
    m_steps->scrollToItem(item);
}

void ScenarioWindow::onStepFinished(const ScenarioStepResult& result) {
    QTreeWidgetItem* item = m_steps->topLevelItem(result.step);
    switch (result.outcome) {
    case ScenarioStepResult::Outcome::Ok:
        ++m_passed;
        item->setText(ResultColumn, tr("✔ held"));
        item->setForeground(ResultColumn, successForeground(palette()));
        break;
    case ScenarioStepResult::Outcome::Fail:
        item->setText(ResultColumn, tr("✘ failed"));
        item->setForeground(ResultColumn, errorForeground(palette()));
        item->setBackground(StepColumn, errorBackground(palette()));
        item->setToolTip(StepColumn, result.reason);
        m_steps->setCurrentItem(item);
        showFailure(result);
        break;
    case ScenarioStepResult::Outcome::Skipped:
        item->setText(ResultColumn, tr("– skipped"));
        item->setForeground(ResultColumn, closedRowText(palette()));
        return;
    }
    item->setText(TimeColumn, tr("%1 ms").arg(QLocale().toString(result.ms)));
}

void ScenarioWindow::showFailure(const ScenarioStepResult& result) {
    const ScenarioStep& step = m_runner->scenario().steps.at(result.step);
    const bool bytes = step.kind == ScenarioStep::Kind::Expect;
    m_reason->setText(bytes ? tr("Step %1 failed at byte %2: %3")
                                  .arg(result.step + 1)
                                  .arg(QLocale().toString(result.offset))
                                  .arg(result.reason)
                            : tr("Step %1 failed: %2").arg(result.step + 1).arg(result.reason));
    m_expected->parentWidget()->setVisible(bytes);
    m_got->parentWidget()->setVisible(bytes);
    if (bytes) {
        if (step.expectation == ScenarioStep::Expectation::Regex)
            m_expected->setPlainText(tr("a match of /%1/").arg(step.regex.pattern()));
        else
            showBytes(m_expected, result.expected);
        showBytes(m_got, result.got);
    }
    m_failure->show();
}

void ScenarioWindow::onFinished(ScenarioRunner::Result result) {
    const int total = m_steps->topLevelItemCount();
    switch (result) {
    case ScenarioRunner::Result::Pass:
        m_status->setText(tr("Passed: all %1 steps held.").arg(total));
        break;
    case ScenarioRunner::Result::Fail:
        m_status->setText(
            tr("Failed: %1 of %2 steps held before one failed.").arg(m_passed).arg(total));
        break;
    case ScenarioRunner::Result::Unreachable:
        m_status->setText(tr("No connection: the server could not be reached."));
        break;
    }
    m_runAgain->setEnabled(true);
    m_stop->setEnabled(false);
}

void ScenarioWindow::runAgain() {
    QString error;
    if (!run(&error)) {
        m_status->setText(error);
        m_steps->clear();
        m_failure->hide();
    }
}

} // namespace sockscope
