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
    m_fd.reset(signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC));
    if (!m_fd.isValid())
        return;
    m_notifier = new QSocketNotifier(m_fd.get(), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, [this] {
        signalfd_siginfo info{};
        while (::read(m_fd.get(), &info, sizeof(info)) == ssize_t(sizeof(info)))
            Q_EMIT terminationRequested(int(info.ssi_signo));
    });
}

SignalWatcher::~SignalWatcher() {
    // The notifier goes first: it must not watch a closed descriptor, and
    // m_fd closes only after this body.
    delete m_notifier;
}

} // namespace sockscope
