#pragma once

#include "base/captureevent.h"

#include <QString>

namespace sockscope {

// Where the engine streams a session's events besides its capture store
// (today a JSON Lines recording). The engine knows this interface only, not
// a file format: whoever wants a recording makes the sink and hands it to
// the engine (Engine::startRecording), which owns it from then on and uses
// it on the engine thread alone, so a sink needs no locking.
//
// Told every event as recorded: stamped with its seq and time, a Data
// event holding only what the keep policy kept. The store's history comes
// first, then every new event, so the sink sees the session whole.
class EventSink {
public:
    virtual ~EventSink() = default;

    // Creates what it writes to; false, with the reason, when it cannot.
    virtual bool open(QString* error) = 0;
    virtual void write(const CaptureEvent& event) = 0;
    // Once per batch: writes what was buffered. False, once, with the
    // reason, when a write failed; it takes no more events after that.
    virtual bool flush(QString* error) = 0;
    virtual void close() = 0;

    // For SessionStats: what it writes to while open, and how much so far.
    virtual bool isOpen() const = 0;
    virtual QString path() const = 0;
    virtual qint64 bytesWritten() const = 0;
};

} // namespace sockscope
