#pragma once

#include "base/captureevent.h"
#include "engine/filestream.h"
#include "sendtargets.h"

#include <QObject>

#include <optional>

namespace sockscope {

// Sends a file to one or more connections a chunk at a time, so that a file
// of any size never sits in memory: the next chunk is read only while every
// target has less than kMaxOutstanding bytes that the kernel has not taken
// yet. Progress is what the kernel took, from the batches fed to observe().
// The file is read through the core's FileStream, as --send-file and reply
// listeners read theirs: only regular files, opened without blocking, so a
// FIFO or /dev/zero is refused rather than freezing the window. (The engine
// streams on its own thread from its write queue; this one feeds several
// connections across threads from the batches, hence its own pacing.)
class FileSender final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileSender)
public:
    static constexpr qint64 kChunkBytes = 256 * 1024;
    static constexpr qint64 kMaxOutstanding = 2 * 1024 * 1024;

    explicit FileSender(QObject* parent = nullptr);

    bool isRunning() const { return m_running; }
    // False, with the reason, if the file cannot be read or is empty.
    bool start(const QList<int>& conns, const QString& path, QString* error);
    // Hands the engine nothing more; what it holds already still goes out.
    void cancel();
    void observe(const sockscope::EventBatch& events);

Q_SIGNALS:
    void sendRequested(int conn, const QByteArray& bytes);
    void progressed(qint64 written, qint64 total);
    void finished(const QString& message, bool ok);

private:
    void feed();
    void finish(const QString& message, bool ok);
    QString fileName() const;

    std::optional<FileStream> m_file;
    SendTargets m_targets;
    QStringList m_endings; // why targets ended early
    qint64 m_size = 0;
    bool m_running = false;
};

} // namespace sockscope
