#pragma once

#include "base/eventsink.h"

#include <QFile>

#include <optional>

namespace sockscope {

// Streams a session to disk as JSON Lines while it happens, so a long
// capture survives a crash and is not limited by the capture budget.
// Lines are buffered and written once per batch, or as soon as kFlushBytes
// pile up, so memory stays flat however busy the connections are. Not a
// QSaveFile on purpose: the point is that the file is on disk before the
// session ends.
//
// Made on any thread and handed to the engine, which opens and uses it on
// the engine thread only: the QFile is created in open(), so it belongs to
// the thread that writes it.
class JsonlRecorder final : public EventSink {
public:
    static constexpr qsizetype kFlushBytes = 1024 * 1024;

    explicit JsonlRecorder(const QString& path)
        : m_path(path) {}
    Q_DISABLE_COPY_MOVE(JsonlRecorder)

    // Creates (or truncates) the file and writes the header.
    bool open(QString* error) override;
    void write(const CaptureEvent& event) override;
    bool flush(QString* error) override;
    void close() override;

    bool isOpen() const override { return m_file && m_file->isOpen(); }
    QString path() const override { return m_path; }
    qint64 bytesWritten() const override { return m_written; }

private:
    bool writeBuffer();

    const QString m_path;
    std::optional<QFile> m_file;
    QByteArray m_buffer;
    QString m_error; // the first failed write, until flush() reports it
    qint64 m_written = 0;
};

} // namespace sockscope
