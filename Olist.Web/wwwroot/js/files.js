// Saves text made on the server (a table's CSV) as a file in the browser, without a second request.
export function saveText(fileName, mimeType, text) {
    const url = URL.createObjectURL(new Blob([text], { type: mimeType + ';charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
}
