#pragma once

// Test support: a forward relay between real peers on loopback. The
// engine runs on the test's thread; the upstream is a listening socket of
// the test's own, and a client is connected through the relay.
#include "engine/engine.h"
#include "enginerecorder.h"
#include "rawpeer.h"

#include <QTest>

#include <algorithm>
#include <memory>

namespace sockscope {

class RelayFixture final {
public:
    // The two legs of the relay pair.
    struct Legs {
        int client = 0;
        int upstream = 0;
    };

    std::unique_ptr<Engine> engine;
    std::unique_ptr<EngineRecorder> recorder;
    RawPeer server; // the upstream's listening socket
    RawPeer upstreamPeer;
    RawPeer client;
    Legs legs;

    // Returns once both legs are connected; a failed QTRY_* has recorded
    // the failure (check QTest::currentTestFailed()).
    void start(const CaptureOptions& capture = {}, const RewriteRules& rewrites = {}) {
        engine = std::make_unique<Engine>(capture, Engine::Threading::CallerThread);
        recorder = std::make_unique<EngineRecorder>(engine.get());
        quint16 upstreamPort = 0;
        server = RawPeer::listenOnLoopback(&upstreamPort);
        ListenerConfig config;
        config.address = QStringLiteral("127.0.0.1");
        QString error;
        config.responder = *ResponderConfig::parse(
            QStringLiteral("forward:127.0.0.1:%1").arg(upstreamPort), &error);
        config.responder.rewrites = rewrites;
        const int listener = engine->startListener(config);
        QTRY_VERIFY(recorder->listenPort(listener) != 0);
        client = RawPeer::connectToLoopback(recorder->listenPort(listener));
        // QTRY_* evaluates its condition once more at the end: keep the first.
        const auto accepted = [this] {
            if (!upstreamPeer.isValid())
                upstreamPeer = server.accept();
            return upstreamPeer.isValid();
        };
        QTRY_VERIFY(accepted());
        QTRY_VERIFY(legsOf(recorder->events).upstream != 0);
        legs = legsOf(recorder->events);
        // Connected both ways before the test goes on.
        QTRY_VERIFY(std::any_of(
            recorder->events.cbegin(), recorder->events.cend(), [this](const CaptureEvent& e) {
                return e.kind == EventKind::Connected && e.conn == legs.upstream;
            }));
    }

    // The peers first, then what watched them.
    void stop() {
        client = {};
        upstreamPeer = {};
        server = {};
        recorder.reset();
        engine.reset();
    }

private:
    static Legs legsOf(const EventBatch& events) {
        for (const CaptureEvent& e : events) {
            if (e.kind == EventKind::Accept && e.pair != 0)
                return {e.conn, e.pair};
        }
        return {};
    }
};

} // namespace sockscope
