#include "cli/signalwatcher.h"

#include <QSocketNotifier>

#include <csignal>
#include <sys/signalfd.h>
#include <unistd.h>

namespace sockscope {

SignalWatcher::SignalWatcher(QObject* parent)
    : QObject(parent) {
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGINT);
    sigaddset(&mask, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &mask, nullptr);
    m_fd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
    if (m_fd < 0)
        return;
    m_notifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, [this] {
        signalfd_siginfo info{};
        while (::read(m_fd, &info, sizeof(info)) == ssize_t(sizeof(info)))
            Q_EMIT terminationRequested(int(info.ssi_signo));
    });
}

SignalWatcher::~SignalWatcher() {
    delete m_notifier;
    if (m_fd >= 0)
        ::close(m_fd);
}

} // namespace sockscope
