#include "cli/scenariorunner.h"

#include "base/tlssummary.h"

#include "base/payloadtext.h"

#include <QStringDecoder>

namespace sockscope {

namespace {
using Kind = ScenarioStep::Kind;
using Outcome = ScenarioStepResult::Outcome;

// What a regular expression sees of the unread bytes. As UTF-8 text, up to
// the first byte that is not valid UTF-8 (a character cut by the end of
// what has come so far waits for its rest), so that "héllo" matches the
// bytes of "héllo"; or, asLatin1, every byte as one character, so that a
// pattern can name any byte (\\xff). A BOM stays a character, so that byte
// counts stay right.
struct RegexSubject {
    QString text;
    bool utf8 = true;
    bool cutAtEnd = false; // the UTF-8 text stops at a character not yet whole

    RegexSubject(QByteArrayView bytes, bool asLatin1) {
        if (asLatin1) {
            utf8 = false;
            text = QString::fromLatin1(bytes);
            return;
        }
        qsizetype valid = 0;
        while (valid < bytes.size()) {
            const Utf8Char c = decodeUtf8(bytes, valid);
            if (c.length == 0)
                break;
            valid += c.length;
        }
        // A lead byte whose sequence the end cuts: more bytes may complete it.
        cutAtEnd = valid < bytes.size() && bytes.size() - valid < 4 &&
                   (static_cast<unsigned char>(bytes[valid]) & 0xc0) == 0xc0;
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
        text = decoder(bytes.first(valid));
    }
    qsizetype byteLength(qsizetype chars) const {
        return utf8 ? QStringView(text).left(chars).toUtf8().size() : chars;
    }
};
} // namespace

ScenarioRunner::ScenarioRunner(Engine* engine, Scenario scenario, QObject* parent)
    : QObject(parent)
    , m_engine(engine)
    , m_scenario(std::move(scenario)) {
    m_stepTimer.setSingleShot(true);
    // A wait step is a promise of at least that long, not 5 % less.
    m_stepTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_stepTimer, &QTimer::timeout, this, &ScenarioRunner::onStepTimeout);
    connect(m_engine, &Engine::batchReady, this,
            [this](const EventBatch& events, const SessionStats&) { onBatch(events); });
}

ScenarioRunner::~ScenarioRunner() {
    if (isRunning() && m_conn != 0 && !m_closed)
        m_engine->close(m_conn);
}

void ScenarioRunner::start() {
    m_step = 0;
    beginStep();
}

void ScenarioRunner::stop() {
    // Between two steps the next one is the one stopped.
    if (!isRunning() || m_step >= int(m_scenario.steps.size()))
        return;
    ScenarioStepResult result;
    result.reason = QStringLiteral("stopped");
    failStep(result, true);
}

void ScenarioRunner::onBatch(const EventBatch& events) {
    if (m_conn == 0 || m_finished)
        return;
    for (const CaptureEvent& event : events) {
        if (event.conn == m_conn)
            onEvent(event);
        if (m_finished)
            return;
    }
    evaluate();
}

void ScenarioRunner::onEvent(const CaptureEvent& event) {
    switch (event.kind) {
    case EventKind::Connected:
        m_local = event.local.toString();
        break;
    case EventKind::Tls:
        if (event.tls && event.tls->ok)
            m_tlsDone = true;
        else if (event.tls) {
            m_lastError = QStringLiteral("TLS handshake failed: ") + event.tls->failure;
            m_closed = true; // nothing more can cross it; the engine closes it
        }
        break;
    case EventKind::Data:
        if (event.dir == Direction::Out) {
            m_written += event.size;
            if (m_stepActive && current().kind == Kind::Send)
                m_stepTimer.start(); // a stall, not the whole send, times out
        } else if (event.dir == Direction::In) {
            // A batch carries a preview; the store has the rest, unless a
            // budget or a keep policy dropped it.
            std::optional<QByteArray> bytes = event.data;
            if (event.isPreview())
                bytes = m_engine->store().payload(m_conn, event.seq);
            if (m_gapReason.isEmpty() && (!bytes || bytes->size() != event.size))
                m_gapReason = QStringLiteral("the capture did not keep them (its budget or "
                                             "keep policy)");
            else if (m_gapReason.isEmpty() &&
                     m_received.size() - m_readPos + event.size > kMaxUnreadBytes)
                m_gapReason =
                    QStringLiteral("more than %1 MiB came unread").arg(kMaxUnreadBytes >> 20);
            // Copied, not shared: the batch's buffers belong to the engine
            // thread too, and Qt's reference counting there (in its own,
            // uninstrumented code when m_received detaches) is invisible to
            // ThreadSanitizer.
            if (m_gapReason.isEmpty())
                m_received.append(QByteArrayView(*bytes));
            else
                m_overflowBytes += event.size;
        }
        break;
    case EventKind::HalfClose:
        (event.by == Closer::Peer ? m_peerFinished : m_localFinished) = true;
        break;
    case EventKind::Close:
        m_closed = true;
        m_peerFinished = true;
        if (event.reset && m_lastError.isEmpty())
            m_lastError = QStringLiteral("connection reset");
        break;
    case EventKind::Error:
        m_lastError = event.message;
        // A connection that fails (a refused connect, a reset, a broken
        // pipe, a bad TLS record) ends with its error: no Close follows.
        if (event.error != ErrorCode::CaptureFailed && event.error != ErrorCode::RecordFailed) {
            m_closed = true;
            m_peerFinished = true;
        }
        break;
    default:
        break;
    }
}

void ScenarioRunner::beginStep() {
    if (m_finished)
        return; // stopped between two steps
    if (m_step >= int(m_scenario.steps.size())) {
        finish(Result::Pass);
        return;
    }
    const ScenarioStep& step = current();
    m_stepClock.start();
    m_stepActive = true;
    Q_EMIT stepStarted(m_step);
    switch (step.kind) {
    case Kind::Connect:
        m_tlsDone = !step.connect.tls.enabled;
        m_conn = m_engine->startClient(step.connect);
        Q_EMIT connectionStarted(m_conn);
        m_stepTimer.start(step.timeoutMs);
        return; // the engine's events say how it went
    case Kind::Send:
        m_sendGoal = m_written + step.bytes.size();
        m_engine->send(m_conn, step.bytes);
        m_stepTimer.start(m_scenario.steps.at(m_step).timeoutMs);
        break;
    case Kind::Expect:
        m_stepTimer.start(step.timeoutMs);
        break;
    case Kind::Wait:
        m_stepTimer.start(step.waitMs);
        return;
    case Kind::HalfClose:
        m_engine->halfClose(m_conn);
        m_stepTimer.start(step.timeoutMs);
        break;
    case Kind::Close:
        if (step.reset)
            m_engine->abort(m_conn);
        else
            m_engine->close(m_conn);
        m_stepTimer.start(step.timeoutMs);
        break;
    }
    evaluate();
}

// Decides, from what has happened on the connection, whether the running
// step holds, fails, or waits for more.
void ScenarioRunner::evaluate() {
    if (!m_stepActive)
        return;
    const ScenarioStep& step = current();
    ScenarioStepResult result;
    switch (step.kind) {
    case Kind::Connect:
        if (!m_local.isEmpty() && m_tlsDone && !m_closed) {
            pass();
        } else if (m_closed) {
            result.reason =
                m_lastError.isEmpty() ? QStringLiteral("the connection failed") : m_lastError;
            failStep(result);
        }
        return;
    case Kind::Send:
        if (m_written >= m_sendGoal) {
            pass();
        } else if (m_closed) {
            result.reason =
                QStringLiteral("the connection closed before the bytes were sent%1")
                    .arg(m_lastError.isEmpty() ? QString() : QStringLiteral(": ") + m_lastError);
            failStep(result);
        }
        return;
    case Kind::Expect:
        checkExpect();
        return;
    case Kind::Wait:
        return;
    case Kind::HalfClose:
        if (m_localFinished) {
            pass();
        } else if (m_closed) {
            result.reason = QStringLiteral("the connection is closed already");
            failStep(result);
        }
        return;
    case Kind::Close:
        if (m_closed)
            pass();
        return;
    }
}

void ScenarioRunner::checkExpect() {
    const ScenarioStep& step = current();
    const QByteArrayView unread = QByteArrayView(m_received).sliced(m_readPos);
    // After the server's end, or a gap in what was kept, nothing more comes.
    const bool nothingMore = m_peerFinished || !m_gapReason.isEmpty();
    const QString ended = !m_gapReason.isEmpty()
                              ? QStringLiteral("%1 bytes the server sent were not kept: %2")
                                    .arg(QString::number(m_overflowBytes), m_gapReason)
                          : m_lastError.isEmpty() || m_lastError == u"connection reset"
                              ? (m_closed ? QStringLiteral("the connection closed")
                                          : QStringLiteral("the server finished sending (FIN)"))
                              : m_lastError;
    const auto excerpt = [](QByteArrayView bytes, qsizetype from) {
        from = std::min(from, bytes.size());
        return bytes.sliced(from)
            .first(std::min(bytes.size() - from, ScenarioStepResult::kExcerptBytes))
            .toByteArray();
    };
    ScenarioStepResult result;
    switch (step.expectation) {
    case ScenarioStep::Expectation::Bytes: {
        const QByteArrayView wanted(step.bytes);
        const qsizetype common = std::min(unread.size(), wanted.size());
        qsizetype same = 0;
        while (same < common && unread[same] == wanted[same])
            ++same;
        if (same == wanted.size()) {
            m_readPos += wanted.size();
            pass();
        } else if (same < common || nothingMore) {
            result.offset = same;
            result.expected = excerpt(wanted, same);
            result.got = excerpt(unread, same);
            result.reason = same < common ? QStringLiteral("differs")
                                          : ended + QStringLiteral(", before all of it came");
            failStep(result);
        }
        return;
    }
    case ScenarioStep::Expectation::Regex: {
        const QByteArrayView window = unread.first(std::min(unread.size(), kRegexWindowBytes));
        QElapsedTimer clock;
        clock.start();
        // A match that more bytes could make longer waits for them (PCRE2's
        // hard partial matching), so "\\d+" takes "1234" whether it comes in
        // one read or two; once nothing more can come, what is there is all.
        const auto matchType = nothingMore ? QRegularExpression::NormalMatch
                                           : QRegularExpression::PartialPreferFirstMatch;
        bool couldGrow = unread.isEmpty();
        for (const bool asLatin1 : {false, true}) {
            const RegexSubject subject(window, asLatin1);
            const QRegularExpressionMatch match = step.regex.match(
                subject.text, 0, matchType, QRegularExpression::AnchorAtOffsetMatchOption);
            if (match.hasMatch()) {
                m_readPos += subject.byteLength(match.capturedEnd(0));
                pass();
                return;
            }
            couldGrow = couldGrow || match.hasPartialMatch() || subject.cutAtEnd;
            if (subject.utf8 && subject.text.size() == window.size())
                break; // all of it ASCII: seen one byte per character already
        }
        const bool runaway = clock.elapsed() > kRegexBudgetMs;
        if (!runaway && !nothingMore && couldGrow && window.size() == unread.size())
            return; // more bytes may complete it
        result.expected =
            step.bytes.first(std::min(step.bytes.size(), ScenarioStepResult::kExcerptBytes));
        result.got = excerpt(unread, 0);
        result.reason =
            runaway ? QStringLiteral("the regular expression took longer than %1 ms")
                          .arg(kRegexBudgetMs)
            : window.size() < unread.size()
                ? QStringLiteral("no match in the first %1 KiB").arg(kRegexWindowBytes >> 10)
            : nothingMore ? QStringLiteral("does not match; ") + ended
                          : QStringLiteral("does not match");
        failStep(result);
        return;
    }
    case ScenarioStep::Expectation::Eof:
        if (!unread.isEmpty()) {
            result.got = excerpt(unread, 0);
            result.reason =
                QStringLiteral("%1 bytes came that no step expected").arg(unread.size());
            failStep(result);
        } else if (!m_gapReason.isEmpty() || (m_peerFinished && !m_lastError.isEmpty())) {
            result.reason = ended; // a reset or an error is not the server's end
            failStep(result);
        } else if (m_peerFinished) {
            pass();
        }
        return;
    }
}

void ScenarioRunner::onStepTimeout() {
    if (!m_stepActive)
        return;
    if (current().kind == Kind::Wait) {
        pass();
        return;
    }
    ScenarioStepResult result;
    const ScenarioStep& step = current();
    if (step.kind == Kind::Expect && step.expectation == ScenarioStep::Expectation::Bytes) {
        const qsizetype have = m_received.size() - m_readPos;
        result.offset = have;
        result.expected = step.bytes.sliced(std::min(have, step.bytes.size()))
                              .first(std::min(step.bytes.size() - std::min(have, step.bytes.size()),
                                              ScenarioStepResult::kExcerptBytes));
    } else if (step.kind == Kind::Expect && step.expectation == ScenarioStep::Expectation::Regex) {
        result.expected =
            step.bytes.first(std::min(step.bytes.size(), ScenarioStepResult::kExcerptBytes));
        result.got =
            QByteArrayView(m_received)
                .sliced(m_readPos)
                .first(std::min(m_received.size() - m_readPos, ScenarioStepResult::kExcerptBytes))
                .toByteArray();
    }
    result.reason = QStringLiteral("timed out after %1 ms").arg(m_stepTimer.interval());
    if (step.kind == Kind::Send)
        result.reason += QStringLiteral(": the server is not reading");
    failStep(result);
}

void ScenarioRunner::pass() {
    m_stepTimer.stop();
    m_stepActive = false;
    ScenarioStepResult result;
    result.step = m_step;
    result.ms = m_stepClock.elapsed();
    const ScenarioStep& step = current();
    if (step.kind == Kind::Connect)
        result.local = m_local;
    if (step.kind == Kind::Send)
        result.bytes = step.bytes.size();
    if (step.kind == Kind::Expect && m_readPos > 0) {
        // Nothing reads behind the read position again.
        m_received.remove(0, m_readPos);
        m_readPos = 0;
    }
    // Before the signal, so that a stop() from its receiver stops the next step.
    ++m_step;
    Q_EMIT stepFinished(result);
    // Queued, so that a scenario of many instant steps never recurses deeply.
    QMetaObject::invokeMethod(this, &ScenarioRunner::beginStep, Qt::QueuedConnection);
}

void ScenarioRunner::failStep(ScenarioStepResult result, bool stopped) {
    m_stepTimer.stop();
    m_stepActive = false;
    m_finished = true; // a stop() from a receiver below finds nothing to stop
    result.step = m_step;
    result.outcome = Outcome::Fail;
    result.ms = m_stepClock.elapsed();
    const bool unreachable = current().kind == Kind::Connect && !stopped;
    Q_EMIT stepFinished(result);
    for (int i = m_step + 1; i < int(m_scenario.steps.size()); ++i) {
        ScenarioStepResult skipped;
        skipped.step = i;
        skipped.outcome = Outcome::Skipped;
        Q_EMIT stepFinished(skipped);
    }
    if (m_conn != 0 && !m_closed)
        m_engine->close(m_conn);
    finish(unreachable ? Result::Unreachable : Result::Fail);
}

void ScenarioRunner::finish(Result result) {
    m_finished = true;
    if (result == Result::Pass && m_conn != 0 && !m_closed)
        m_engine->close(m_conn);
    Q_EMIT finished(result);
}

} // namespace sockscope
