#include "tlskeysaction.h"

#include "capture/capturestore.h"
#include "sessionfolder.h"
#include "sessionsource.h"
#include "uilog.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QMessageBox>
#include <QSaveFile>

namespace sockscope {

namespace {
// The secrets decrypt the traffic: the file is for its owner alone.
constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
} // namespace

TlsKeysAction::TlsKeysAction(const SessionSource* source, QWidget* parent)
    : QAction(tr("Save TLS &keys…"), parent)
    , m_source(source)
    , m_dialogParent(parent) {
    // Only a live session has later handshakes to follow.
    setCheckable(source->engine() != nullptr);
    setToolTip(tr("Save the secrets of the session's TLS handshakes in the NSS key log format "
                  "(SSLKEYLOGFILE), for Wireshark; a live session keeps adding later ones"));
    setStatusTip(toolTip());
    connect(this, &QAction::triggered, this, &TlsKeysAction::chooseFile);
    connect(source, &SessionSource::batchReady, this, &TlsKeysAction::appendLater);
}

TlsKeysAction::~TlsKeysAction() = default;

bool TlsKeysAction::saveTo(const QString& path) {
    stopFollowing();
    const Keys keys = keysSoFar();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(kOwnerOnly) ||
        file.write(keys.lines) != keys.lines.size() || !file.commit()) {
        showFailure(
            tr("The TLS keys could not be saved to %1.").arg(QDir::toNativeSeparators(path)),
            file.errorString());
        return false;
    }
    qCInfo(lcUi) << "saved the TLS keys of" << keys.handshakes << "handshakes to" << path;
    if (m_source->engine()) {
        auto later = std::make_unique<QFile>(path);
        if (!later->open(QIODevice::WriteOnly | QIODevice::Append)) {
            showFailure(tr("The keys of %n handshake(s) were saved to %1, but the keys of later "
                           "handshakes cannot be added to it.",
                           nullptr, keys.handshakes)
                            .arg(QDir::toNativeSeparators(path)),
                        later->errorString());
            return false;
        }
        m_following = std::move(later);
        m_savedThrough = keys.through;
        setChecked(true);
    }
    Q_EMIT saved(path, keys.handshakes);
    return true;
}

TlsKeysAction::Keys TlsKeysAction::keysSoFar() const {
    Keys keys;
    // The lifecycle events only, from memory, in seq order: a handshake
    // that is not among them yet ends after the last one seen, and arrives
    // in a later batch.
    m_source->store().forEachLifecycleEvent([&keys](const CaptureEvent& e) {
        keys.through = e.seq;
        if (e.kind == EventKind::Tls && e.tls && !e.tls->keyLog.isEmpty()) {
            keys.lines += e.tls->keyLog;
            ++keys.handshakes;
        }
        return true;
    });
    return keys;
}

void TlsKeysAction::chooseFile() {
    if (m_following) {
        stopFollowing(); // unchecked
        return;
    }
    setChecked(false); // until the keys are saved and followed
    if (!m_source->engine() && keysSoFar().handshakes == 0) {
        auto* box = new QMessageBox(QMessageBox::Information, tr("Save TLS keys"),
                                    tr("This session has no TLS handshake whose keys could be "
                                       "saved."),
                                    QMessageBox::Ok, m_dialogParent);
        box->setObjectName(QStringLiteral("noTlsKeysBox"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return;
    }
    const QString path = QFileDialog::getSaveFileName(
        m_dialogParent, tr("Save TLS keys"),
        QDir(sessionFolder()).filePath(suggestedSessionFileName(QStringLiteral("keys"))),
        tr("NSS key log (*.keys *.log *.txt);;All files (*)"));
    if (!path.isEmpty())
        saveTo(path);
}

void TlsKeysAction::appendLater(const EventBatch& events) {
    for (const CaptureEvent& e : events) {
        if (!m_following)
            return;
        if (e.seq <= m_savedThrough)
            continue; // saved with the keys the session held
        m_savedThrough = e.seq;
        if (e.kind != EventKind::Tls || !e.tls || e.tls->keyLog.isEmpty())
            continue;
        // Flushed at once: Wireshark reads the file while a capture runs.
        const QByteArray& lines = e.tls->keyLog;
        if (m_following->write(lines) != lines.size() || !m_following->flush()) {
            const QString path = m_following->fileName();
            const QString why = m_following->errorString();
            stopFollowing();
            showFailure(tr("Keys of later TLS handshakes are no longer added to %1.")
                            .arg(QDir::toNativeSeparators(path)),
                        why);
        }
    }
}

void TlsKeysAction::stopFollowing() {
    if (m_following)
        qCInfo(lcUi) << "no longer adding TLS keys to" << m_following->fileName();
    m_following.reset();
    setChecked(false);
}

void TlsKeysAction::showFailure(const QString& what, const QString& why) {
    qCWarning(lcUi) << what << why;
    // Not exec(): a failure while batches are applied must not run a
    // second event loop inside them.
    auto* box = new QMessageBox(QMessageBox::Warning, tr("TLS keys not saved"), what,
                                QMessageBox::Ok, m_dialogParent);
    box->setObjectName(QStringLiteral("tlsKeysFailedBox"));
    box->setInformativeText(why);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace sockscope
