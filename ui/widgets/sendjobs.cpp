#include "sendjobs.h"

#include "filesender.h"
#include "models/byteformat.h"
#include "repeatsender.h"
#include "sendbox.h"
#include "sendprogress.h"

#include <QFileInfo>

namespace sockscope {

namespace {
QString targetsText(const QList<int>& conns) {
    return conns.size() == 1 ? SendJobs::tr("connection #%1").arg(conns.first())
                             : SendJobs::tr("%1 connections").arg(conns.size());
}
} // namespace

SendJobs::SendJobs(SendBox* box, QObject* parent)
    : QObject(parent)
    , m_file(new FileSender(this))
    , m_repeat(new RepeatSender(this)) {
    SendProgress* progress = box->progress();
    connect(box, &SendBox::fileSendRequested, this,
            [this, progress](const QList<int>& conns, const QString& path) {
                progress->start(
                    tr("Sending '%1' to %2").arg(QFileInfo(path).fileName(), targetsText(conns)),
                    tr("Cancel"), true);
                QString error;
                if (!m_file->start(conns, path, &error))
                    progress->finish(error, false);
            });
    connect(box, &SendBox::repeatRequested, this,
            [this, progress](const QList<int>& conns, const QByteArray& bytes, int count,
                             int intervalMs) {
                progress->start(tr("Repeating to %1").arg(targetsText(conns)), tr("Stop"), false);
                QString error;
                if (!m_repeat->start(conns, bytes, count, intervalMs, &error))
                    progress->finish(error, false);
            });
    connect(m_file, &FileSender::progressed, progress, [progress](qint64 written, qint64 total) {
        progress->setProgress(written, total,
                              tr("%1 of %2").arg(formatBytes(written), formatBytes(total)));
    });
    connect(m_repeat, &RepeatSender::progressed, progress, [progress](int sent, int count) {
        progress->setProgress(sent, count, tr("%1/%2").arg(sent).arg(count));
    });
    connect(m_file, &FileSender::finished, progress, &SendProgress::finish);
    connect(m_repeat, &RepeatSender::finished, progress, &SendProgress::finish);
    connect(progress, &SendProgress::stopRequested, this, [this] {
        m_file->cancel();
        m_repeat->stop();
    });
    connect(m_file, &FileSender::sendRequested, this, &SendJobs::sendRequested);
    connect(m_repeat, &RepeatSender::sendRequested, this, &SendJobs::sendRequested);
}

void SendJobs::observe(const EventBatch& events) {
    m_file->observe(events);
    m_repeat->observe(events);
}

} // namespace sockscope
