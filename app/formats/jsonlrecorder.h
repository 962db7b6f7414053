#pragma once

#include "capture/captureevent.h"

#include <QFile>

namespace sockscope {

// Streams a session to disk as JSON Lines while it happens, so a long
// capture survives a crash and is not limited by the capture budget.
// Appends are buffered and written once per batch (not per event), which
// costs one write() per frame during a flood. Not a QSaveFile on purpose:
// the point is that the file is on disk before the session ends.
class JsonlRecorder final {
public:
    JsonlRecorder() = default;
    Q_DISABLE_COPY_MOVE(JsonlRecorder)

    // Creates (or truncates) path and writes the header and the history.
    bool open(const QString& path, const EventBatch& history, QString* error);
    void append(const CaptureEvent& event);
    // Writes what was appended; false (with the reason) once a write failed.
    bool flush(QString* error);
    void close();

    bool isOpen() const { return m_file.isOpen(); }
    QString path() const { return m_file.fileName(); }
    qint64 bytesWritten() const { return m_written; }

private:
    QFile m_file;
    QByteArray m_buffer;
    qint64 m_written = 0;
};

} // namespace sockscope
