#pragma once

#include <QUrl>
#include <QWidget>

class QTextBlock;
class QTextBrowser;

namespace sockscope {

// Help → User guide: docs/user-guide.md as built into the program, with its
// screenshots and the pages it links to, so that it reads the same offline
// and always matches the program. Links between sections and pages work;
// links to the web open in the browser.
class UserGuideWindow final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UserGuideWindow)
public:
    static QUrl guideUrl(); // qrc:/docs/user-guide.md

    explicit UserGuideWindow(QWidget* parent = nullptr);

    // A page of the bundled docs, with an optional #section.
    void showPage(const QUrl& url);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void pageChanged(const QUrl& url);
    void addHeadingAnchors();
    void fitImages();
    qreal indentOf(const QTextBlock& block) const;

    QTextBrowser* m_browser = nullptr;
};

} // namespace sockscope
