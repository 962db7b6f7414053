#pragma once

#include "cli/scenario.h"
#include "engine/engine.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace sockscope {

// How one step of a scenario ended.
struct ScenarioStepResult {
    enum class Outcome { Ok, Fail, Skipped };
    static constexpr qsizetype kExcerptBytes = 64;

    int step = 0; // 0-based index into Scenario::steps
    Outcome outcome = Outcome::Ok;
    qint64 ms = 0;
    QString local;       // Connect: our ephemeral address:port
    qint64 bytes = 0;    // Send: bytes written
    qint64 offset = 0;   // a failed Expect: the first byte (from where it began) that did not hold
    QByteArray expected; // ... from the offset on, at most kExcerptBytes
    QByteArray got;
    QString reason; // Fail: why, in words
};

// Runs a scenario's steps, one after the other, on one client connection of
// an engine: the window's (so the connection shows with the others) or a
// headless run's own. It watches the engine's events for its connection:
// what the server sends is kept, unread, for the expect steps to consume in
// order, whichever step is running when it comes. A failed step ends the
// run: the rest are skipped and the connection is closed.
class ScenarioRunner final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScenarioRunner)
public:
    enum class Result { Pass, Fail, Unreachable };
    Q_ENUM(Result)
    // What a regular expression is matched against at most, and how long
    // one match may take before the step fails as a runaway pattern.
    static constexpr qsizetype kRegexWindowBytes = 1 << 20;
    static constexpr qint64 kRegexBudgetMs = 100;
    // Received bytes kept unread beyond this are counted, not kept.
    static constexpr qsizetype kMaxUnreadBytes = 64 << 20;

    ScenarioRunner(Engine* engine, Scenario scenario, QObject* parent = nullptr);
    ~ScenarioRunner() override;

    const Scenario& scenario() const { return m_scenario; }
    void start();
    // Ends the run now, as a failure of the running step ("stopped").
    void stop();
    bool isRunning() const { return m_step >= 0 && !m_finished; }
    // Bytes the server sent that no expect step read.
    qint64 unreadBytes() const { return m_received.size() - m_readPos + m_overflowBytes; }

Q_SIGNALS:
    // The engine's id of the scenario's connection, once its connect starts.
    void connectionStarted(int conn);
    void stepStarted(int step);
    void stepFinished(const sockscope::ScenarioStepResult& result);
    void finished(sockscope::ScenarioRunner::Result result);

private:
    const ScenarioStep& current() const { return m_scenario.steps.at(m_step); }

    void onBatch(const EventBatch& events);
    void onEvent(const CaptureEvent& event);
    void beginStep();
    void evaluate();
    void checkExpect();
    void onStepTimeout();
    void pass();
    void failStep(ScenarioStepResult result, bool stopped = false);
    void finish(Result result);

    Engine* m_engine;
    Scenario m_scenario;
    int m_step = -1;
    // Step m_step has begun and not ended: only then do events and timers
    // judge it (a batch queued before it began must not).
    bool m_stepActive = false;
    bool m_finished = false;
    int m_conn = 0;
    QString m_local;
    QByteArray m_received; // what the server sent, from m_readPos on unread
    qsizetype m_readPos = 0;
    // Bytes the server sent that are not in m_received (not kept by the
    // capture, or past kMaxUnreadBytes): the bytes after such a gap are
    // not kept either, so no expect ever compares across it.
    qint64 m_overflowBytes = 0;
    QString m_gapReason;
    qint64 m_written = 0;   // bytes written to the socket so far
    qint64 m_sendGoal = 0;  // the running Send holds once m_written reaches this
    bool m_tlsDone = false; // the handshake ended well (TLS), or there is none
    bool m_peerFinished = false;
    bool m_localFinished = false;
    bool m_closed = false;
    QString m_lastError; // the engine's words for what went wrong last
    QTimer m_stepTimer;
    QElapsedTimer m_stepClock;
};

} // namespace sockscope
