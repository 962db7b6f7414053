#pragma once

#include <QByteArray>
#include <QList>

#include <atomic>
#include <functional>

namespace sockscope {

class CaptureStore;

// Finds every occurrence of a byte pattern in one connection's stream (both
// directions, in order, as Follow stream shows it), reading the store a
// page at a time: bounded memory whatever the stream's size. Meant to run
// off the GUI thread; cancel() stops it from any thread.
class StreamSearch final {
public:
    static constexpr qint64 kPageBytes = 1 << 20;
    // Offsets kept for jumping; beyond them matches are only counted.
    static constexpr qsizetype kMaxKeptMatches = 10'000;

    struct Result {
        qint64 matches = 0;
        QList<qint64> offsets; // stream offsets of the first kMaxKeptMatches matches
        qint64 searched = 0;   // bytes of the stream looked at
        bool cancelled = false;
    };
    // Called after each page with the bytes searched so far and the total.
    using Progress = std::function<void(qint64 searched, qint64 total)>;

    StreamSearch(const CaptureStore& store, int conn, QByteArray pattern);

    Result run(const Progress& progress = {});
    void cancel() { m_cancelled = true; }

private:
    const CaptureStore& m_store;
    const int m_conn;
    const QByteArray m_pattern;
    std::atomic<bool> m_cancelled{false};
};

} // namespace sockscope
