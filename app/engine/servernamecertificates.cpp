#include "engine/servernamecertificates.h"

#include <QHostAddress>

namespace sockscope {

namespace {
// A client that makes up a name per connection costs a key and a signature
// each time, and no more memory than this many certificates.
constexpr int kMaxIssued = 4096;

bool isLabelCharacter(QChar c) {
    return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-' || c == u'_';
}
} // namespace

bool isCertifiableHostName(const QString& name) {
    if (name.isEmpty() || name.size() > 253 || QHostAddress().setAddress(name))
        return false;
    const QStringList labels = name.toLower().split(u'.');
    for (const QString& label : labels) {
        if (label.isEmpty() || label.size() > 63)
            return false;
        for (const QChar c : label) {
            if (!isLabelCharacter(c))
                return false;
        }
    }
    return true;
}

ServerNameCertificates::ServerNameCertificates(std::shared_ptr<const LocalCa> ca)
    : m_ca(std::move(ca)) {
}

std::shared_ptr<const KeyAndCertificate> ServerNameCertificates::forName(const QString& name) {
    const QString key = name.toLower();
    if (key == u"localhost" || !isCertifiableHostName(key))
        return nullptr;
    const std::lock_guard lock(m_mutex);
    if (const auto found = m_issued.constFind(key); found != m_issued.constEnd())
        return found.value();
    QString error;
    std::optional<KeyAndCertificate> made = m_ca->issue({key}, &error);
    if (!made)
        return nullptr;
    if (m_issued.size() >= kMaxIssued)
        m_issued.clear();
    auto issued = std::make_shared<const KeyAndCertificate>(std::move(*made));
    m_issued.insert(key, issued);
    return issued;
}

} // namespace sockscope
