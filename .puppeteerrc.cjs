// Shipcrowd prints PDFs with the system Chromium (apt-get install chromium); npm must never download a browser.
module.exports = { skipDownload: true, executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium' };
