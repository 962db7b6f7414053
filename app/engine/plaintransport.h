#pragma once

#include "engine/transport.h"

namespace sockscope {

// Plaintext straight to and from the descriptor: recv() and send(), the
// wire bytes being the plaintext. It keeps the fast paths the engine was
// measured with (docs/design.md "Connections own raw descriptors").
class PlainTransport final : public Transport {
public:
    // fd: a connected, non-blocking socket, owned by the caller.
    explicit PlainTransport(int fd)
        : m_fd(fd) {}

    std::optional<QByteArray> read() override;
    ssize_t write(const char* data, qsizetype size) override;

private:
    const int m_fd;
    qsizetype m_lastReadSize = 0; // a large last read makes a bulk transfer likely
};

} // namespace sockscope
