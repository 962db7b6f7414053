#pragma once

#include "base/uniquefd.h"

#include <QObject>

class QSocketNotifier;

namespace sockscope {

// Turns SIGINT and SIGTERM into a Qt signal through signalfd, so shutdown
// runs in the event loop rather than in a signal handler. Construct it
// before any thread starts: threads inherit the blocked signal mask.
class SignalWatcher final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignalWatcher)
public:
    explicit SignalWatcher(QObject* parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    UniqueFd m_fd;
    QSocketNotifier* m_notifier = nullptr;
};

} // namespace sockscope
