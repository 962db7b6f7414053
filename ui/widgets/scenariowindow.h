#pragma once

#include "cli/scenariorunner.h"

#include <QDialog>

#include <memory>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;
class QWidget;

namespace sockscope {

class Engine;

// File → Run scenario…: a scenario file's steps (docs/scenario-format.md)
// run on a new client connection of the session, which shows in the
// connection tree and the traffic like any other. Each step is ticked or
// crossed as it ends; a failed expect shows what was expected beside what
// came, as text and hex. "Run again" reads the file again, so a person can
// edit it and retry without reopening anything.
class ScenarioWindow final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScenarioWindow)
public:
    ScenarioWindow(Engine* engine, QString path, QWidget* parent = nullptr);
    ~ScenarioWindow() override;

    // Reads the file and starts its steps; false, with the reason naming
    // the place in the file in error, when it cannot be used.
    bool run(QString* error);

private:
    void showSteps(const Scenario& scenario);
    void onStepStarted(int step);
    void onStepFinished(const ScenarioStepResult& result);
    void onFinished(ScenarioRunner::Result result);
    void showFailure(const ScenarioStepResult& result);
    void runAgain();

    Engine* m_engine;
    const QString m_path;
    std::unique_ptr<ScenarioRunner> m_runner;
    int m_passed = 0;
    QLabel* m_title;
    QLabel* m_status;
    QTreeWidget* m_steps;
    QWidget* m_failure;
    QLabel* m_reason;
    QPlainTextEdit* m_expected;
    QPlainTextEdit* m_got;
    QPushButton* m_runAgain;
    QPushButton* m_stop;
};

} // namespace sockscope
