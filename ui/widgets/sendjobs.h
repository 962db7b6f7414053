#pragma once

#include "base/captureevent.h"

#include <QObject>

namespace sockscope {

class FileSender;
class RepeatSender;
class SendBox;

// Runs what the send box asks for beyond one send: a repeat and a file send
// in chunks. Each shows in the box's progress line and learns from the
// batches (observe) what the kernel took and which connections ended.
class SendJobs final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SendJobs)
public:
    explicit SendJobs(SendBox* box, QObject* parent = nullptr);

    void observe(const sockscope::EventBatch& events);

Q_SIGNALS:
    void sendRequested(int conn, const QByteArray& bytes);

private:
    FileSender* m_file = nullptr;
    RepeatSender* m_repeat = nullptr;
};

} // namespace sockscope
