#pragma once

#include "base/captureevent.h"

#include <QAction>

#include <memory>

class QFile;

namespace sockscope {

class SessionSource;

// File → Save TLS keys…: writes the secrets of every TLS handshake in the
// session in the NSS key log format (SSLKEYLOGFILE, as --tls-keylog), so
// that Wireshark decrypts a capture of the same traffic. In a live window
// the action stays checked and appends the keys of later handshakes as
// their events arrive, until it is unchecked.
//
// The window follows its own batches rather than Engine::setTlsKeyLog:
// keys of a handshake that ended between the save and the engine opening
// the file would be missing, and the engine reports a failed key log as a
// failed recording. The events' seq numbers join the saved keys and the
// appended ones with no gap and no repeat.
class TlsKeysAction final : public QAction {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TlsKeysAction)
public:
    TlsKeysAction(const SessionSource* source, QWidget* parent);
    ~TlsKeysAction() override;

    // What the dialog leads to. Replaces path at once with the keys the
    // session holds (whole or not at all), then, in a live session, keeps
    // appending. A failure is named in a message box; false then.
    bool saveTo(const QString& path);

Q_SIGNALS:
    void saved(const QString& path, int handshakes);

private:
    struct Keys {
        QByteArray lines;
        int handshakes = 0;
        quint64 through = 0; // the session's last event they were taken from
    };
    Keys keysSoFar() const;
    void chooseFile();
    void appendLater(const sockscope::EventBatch& events);
    void stopFollowing();
    void showFailure(const QString& what, const QString& why);

    const SessionSource* m_source = nullptr;
    QWidget* m_dialogParent = nullptr;
    std::unique_ptr<QFile> m_following; // live: where later keys go
    quint64 m_savedThrough = 0;         // keys of events up to this seq are in the file
};

} // namespace sockscope
