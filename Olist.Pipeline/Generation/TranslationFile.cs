using Olist.Pipeline.Catalog;
using Olist.Pipeline.Generation.Reference;
using Olist.Pipeline.Progress;

namespace Olist.Pipeline.Generation;

/// <summary>Writes the category translation file: the real file's 71 pairs, whatever the scale.</summary>
internal static class TranslationFile
{
    public static GeneratedFile Write(string directory, IProgress<WorkProgress>? progress, CancellationToken cancellationToken) =>
        CsvTableWriter.WriteFile(directory, OlistCatalog.CategoryTranslation, ProductCategories.Translated, progress, (file, category) =>
        {
            file.Field(category.Portuguese);
            file.Field(category.English);
        },
        cancellationToken);
}
