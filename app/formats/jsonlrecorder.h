#pragma once

#include "capture/eventsource.h"

#include <QFile>

namespace sockscope {

// Streams a session to disk as JSON Lines while it happens, so a long
// capture survives a crash and is not limited by the capture budget.
// Lines are buffered and written once per batch, or as soon as kFlushBytes
// pile up, so memory stays flat however busy the connections are. Not a
// QSaveFile on purpose: the point is that the file is on disk before the
// session ends.
class JsonlRecorder final {
public:
    static constexpr qsizetype kFlushBytes = 1024 * 1024;

    JsonlRecorder() = default;
    Q_DISABLE_COPY_MOVE(JsonlRecorder)

    // Creates (or truncates) path and writes the header and the history.
    bool open(const QString& path, const EventSource& history, QString* error);
    void append(const CaptureEvent& event);
    // Writes what was appended; false (with the reason) once a write failed.
    bool flush(QString* error);
    void close();

    bool isOpen() const { return m_file.isOpen(); }
    QString path() const { return m_file.fileName(); }
    qint64 bytesWritten() const { return m_written; }

private:
    bool write();

    QFile m_file;
    QByteArray m_buffer;
    QString m_error; // the first failed write, until flush() reports it
    qint64 m_written = 0;
};

} // namespace sockscope
