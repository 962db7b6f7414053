#pragma once

#include <QDialog>

namespace sockscope {

// Help → About SockScope: the version, the Qt it runs on, the license, and
// where its ideas come from.
class AboutDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AboutDialog)
public:
    explicit AboutDialog(QWidget* parent = nullptr);

Q_SIGNALS:
    // A page of the bundled docs (qrc:), for the user guide window.
    void guideRequested(const QUrl& url);
};

} // namespace sockscope
