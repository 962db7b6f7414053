#pragma once

// Test support: collects every event an Engine delivers, so tests can wait
// for a particular one with QTRY_VERIFY.
#include "base/connectionending.h"
#include "capture/capturestore.h"
#include "engine/engine.h"

#include <QObject>

#include <functional>
#include <optional>

namespace sockscope {

class EngineRecorder final : public QObject {
public:
    explicit EngineRecorder(Engine* engine)
        : m_engine(engine) {
        connect(engine, &Engine::batchReady, this,
                [this](const EventBatch& batch, const SessionStats& stats) {
                    events += batch;
                    lastStats = stats;
                    ++batches;
                });
    }

    std::optional<CaptureEvent> find(const std::function<bool(const CaptureEvent&)>& match) const {
        for (const CaptureEvent& e : events) {
            if (match(e))
                return e;
        }
        return std::nullopt;
    }
    std::optional<CaptureEvent> find(EventKind kind, int conn, int listener = -1) const {
        return find([=](const CaptureEvent& e) {
            return e.kind == kind && (conn < 0 || e.conn == conn) &&
                   (listener < 0 || e.listener == listener);
        });
    }
    bool has(EventKind kind, int conn, int listener = -1) const {
        return find(kind, conn, listener).has_value();
    }
    // Concatenated payload of one connection in one direction, from the
    // engine's store: batches carry only a preview of a large chunk.
    QByteArray stream(int conn, Direction dir) const {
        QByteArray out;
        for (const CaptureEvent& e :
             m_engine->store().eventsOf(conn, std::numeric_limits<qsizetype>::max())) {
            if (e.kind == EventKind::Data && e.dir == dir)
                out += e.data;
        }
        return out;
    }
    qint64 bytes(int conn, Direction dir) const {
        qint64 total = 0;
        for (const CaptureEvent& e : events) {
            if (e.kind == EventKind::Data && e.conn == conn && e.dir == dir)
                total += e.size;
        }
        return total;
    }
    // How one connection ended, as the window and the report tell it.
    ConnectionEnding ending(int conn) const {
        ConnectionEnding ending;
        for (const CaptureEvent& e : events) {
            if (e.conn == conn)
                ending.observe(e);
        }
        return ending;
    }
    quint16 listenPort(int listener) const {
        const auto e = find(EventKind::Listen, 0, listener);
        return e ? e->local.port() : 0;
    }

    EventBatch events;
    SessionStats lastStats;
    int batches = 0;

private:
    Engine* m_engine = nullptr;
};

} // namespace sockscope
