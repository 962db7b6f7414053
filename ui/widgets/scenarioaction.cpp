#include "scenarioaction.h"

#include "formhelpers.h"
#include "scenariowindow.h"

#include <QFileDialog>
#include <QMessageBox>

namespace sockscope {

ScenarioAction::ScenarioAction(Engine* engine, QWidget* parent)
    : QAction(tr("Run &scenario…"), parent)
    , m_engine(engine)
    , m_dialogParent(parent) {
    setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    setActionTips(this, tr("Run a scenario file's steps on a new connection, each ticked or "
                           "crossed as it ends"));
    connect(this, &QAction::triggered, this, &ScenarioAction::chooseFile);
}

ScenarioWindow* ScenarioAction::run(const QString& path) {
    auto* window = new ScenarioWindow(m_engine, path, m_dialogParent);
    window->setAttribute(Qt::WA_DeleteOnClose);
    QString error;
    if (!window->run(&error)) {
        delete window;
        QMessageBox::warning(m_dialogParent, tr("Run scenario"), error);
        return nullptr;
    }
    window->show();
    return window;
}

void ScenarioAction::chooseFile() {
    const QString path = QFileDialog::getOpenFileName(m_dialogParent, tr("Run scenario"), QString(),
                                                      tr("Scenarios (*.json);;All files (*)"));
    if (!path.isEmpty())
        run(path);
}

} // namespace sockscope
