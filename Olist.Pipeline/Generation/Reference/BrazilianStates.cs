namespace Olist.Pipeline.Generation.Reference;

/// <summary>A city with its proper spelling (accents, capitals), its centre and its share of the state's zip prefixes.</summary>
internal sealed record City(string Name, double Latitude, double Longitude, double Weight)
{
    /// <summary>The spelling most real rows use: lower case without accents (<c>sao paulo</c>).</summary>
    public string Plain { get; } = CitySpelling.Fold(Name);

    /// <summary>Lower case with accents (<c>são paulo</c>).</summary>
    public string Accented { get; } = Name.ToLowerInvariant();

    /// <summary>Upper case without accents (<c>SAO PAULO</c>).</summary>
    public string Upper { get; } = CitySpelling.Fold(Name).ToUpperInvariant();
}

/// <summary>A Brazilian state: its share of the real customers and sellers, its zip prefix range, its average delivery time and its cities.</summary>
/// <param name="Code">Two-letter state code.</param>
/// <param name="CustomerShare">Percentage of real orders placed from the state.</param>
/// <param name="RealSellers">Number of real sellers in the state.</param>
/// <param name="FirstZip">First zip prefix of the state's range.</param>
/// <param name="LastZip">Last zip prefix of the state's range.</param>
/// <param name="DeliveryDays">Real average days from purchase to delivery for customers in the state.</param>
/// <param name="Cities">The state's main cities, capital first.</param>
internal sealed record BrazilianState(
    string Code,
    double CustomerShare,
    int RealSellers,
    int FirstZip,
    int LastZip,
    double DeliveryDays,
    IReadOnlyList<City> Cities);

/// <summary>The 27 states with figures from the real dataset; the capital comes first in each city list.</summary>
internal static class BrazilianStates
{
    public static IReadOnlyList<BrazilianState> All { get; } =
    [
        new("SP", 41.98, 1849, 1000, 19999, 8.3,
        [
            new("São Paulo", -23.55, -46.63, 40), new("Campinas", -22.91, -47.06, 6), new("Guarulhos", -23.46, -46.53, 4),
            new("Santo André", -23.66, -46.53, 3), new("São Bernardo do Campo", -23.69, -46.56, 3), new("Osasco", -23.53, -46.79, 3),
            new("Ribeirão Preto", -21.18, -47.81, 3), new("Sorocaba", -23.50, -47.46, 3), new("São José dos Campos", -23.18, -45.89, 3),
            new("Santos", -23.96, -46.33, 2), new("São José do Rio Preto", -20.82, -49.38, 2), new("Jundiaí", -23.19, -46.88, 2),
            new("Piracicaba", -22.73, -47.65, 2), new("Bauru", -22.31, -49.06, 2), new("Mogi das Cruzes", -23.52, -46.19, 2),
            new("Ibitinga", -21.76, -48.83, 1), new("Franca", -20.54, -47.40, 1), new("Limeira", -22.56, -47.40, 1),
            new("Marília", -22.21, -49.95, 1), new("São Carlos", -22.01, -47.89, 1), new("Presidente Prudente", -22.12, -51.39, 1),
            new("Santa Bárbara d'Oeste", -22.75, -47.41, 1), new("Mogi Guaçu", -22.37, -46.94, 1), new("Barueri", -23.51, -46.88, 1),
        ]),
        new("RJ", 12.92, 171, 20000, 28999, 14.8,
        [
            new("Rio de Janeiro", -22.91, -43.20, 30), new("Niterói", -22.88, -43.10, 5), new("Nova Iguaçu", -22.76, -43.45, 4),
            new("Duque de Caxias", -22.79, -43.31, 4), new("São Gonçalo", -22.83, -43.05, 4), new("Petrópolis", -22.51, -43.18, 3),
            new("Campos dos Goytacazes", -21.75, -41.32, 3), new("Volta Redonda", -22.52, -44.10, 2), new("Macaé", -22.37, -41.79, 1),
        ]),
        new("MG", 11.70, 244, 30000, 39999, 11.5,
        [
            new("Belo Horizonte", -19.92, -43.94, 20), new("Contagem", -19.93, -44.05, 4), new("Uberlândia", -18.92, -48.28, 4),
            new("Juiz de Fora", -21.76, -43.35, 4), new("Betim", -19.97, -44.20, 2), new("Montes Claros", -16.73, -43.86, 2),
            new("Uberaba", -19.75, -47.93, 2), new("Governador Valadares", -18.85, -41.95, 2), new("Poços de Caldas", -21.79, -46.56, 2),
            new("Divinópolis", -20.14, -44.88, 2), new("Ipatinga", -19.47, -42.54, 1), new("Sete Lagoas", -19.46, -44.25, 1),
        ]),
        new("RS", 5.50, 129, 90000, 99999, 14.8,
        [
            new("Porto Alegre", -30.03, -51.23, 15), new("Caxias do Sul", -29.17, -51.18, 4), new("Pelotas", -31.77, -52.34, 3),
            new("Canoas", -29.92, -51.18, 3), new("Santa Maria", -29.68, -53.81, 3), new("Novo Hamburgo", -29.68, -51.13, 2),
            new("Passo Fundo", -28.26, -52.41, 2), new("Gravataí", -29.94, -50.99, 1),
        ]),
        new("PR", 5.07, 349, 80000, 87999, 11.5,
        [
            new("Curitiba", -25.43, -49.27, 15), new("Londrina", -23.30, -51.16, 4), new("Maringá", -23.42, -51.94, 4),
            new("Ponta Grossa", -25.09, -50.16, 2), new("Cascavel", -24.96, -53.46, 2), new("São José dos Pinhais", -25.53, -49.21, 2),
            new("Foz do Iguaçu", -25.55, -54.59, 2), new("Apucarana", -23.55, -51.46, 1),
        ]),
        new("SC", 3.66, 190, 88000, 89999, 14.5,
        [
            new("Florianópolis", -27.60, -48.55, 8), new("Joinville", -26.30, -48.85, 5), new("Blumenau", -26.92, -49.07, 4),
            new("São José", -27.61, -48.63, 3), new("Itajaí", -26.91, -48.66, 2), new("Chapecó", -27.10, -52.62, 2),
            new("Criciúma", -28.68, -49.37, 2), new("Jaraguá do Sul", -26.49, -49.07, 1),
        ]),
        new("BA", 3.40, 19, 40000, 48999, 18.9,
        [
            new("Salvador", -12.97, -38.50, 12), new("Feira de Santana", -12.27, -38.97, 3), new("Vitória da Conquista", -14.86, -40.84, 2),
            new("Camaçari", -12.70, -38.32, 1), new("Itabuna", -14.79, -39.28, 1), new("Ilhéus", -14.79, -39.05, 1),
        ]),
        new("DF", 2.15, 30, 70000, 72799, 12.5,
        [
            new("Brasília", -15.79, -47.88, 10), new("Taguatinga", -15.83, -48.06, 2), new("Ceilândia", -15.82, -48.11, 2),
            new("Gama", -16.02, -48.06, 1),
        ]),
        new("ES", 2.04, 23, 29000, 29999, 15.3,
        [
            new("Vitória", -20.32, -40.34, 5), new("Vila Velha", -20.33, -40.29, 4), new("Serra", -20.13, -40.31, 3),
            new("Cariacica", -20.26, -40.42, 2), new("Cachoeiro de Itapemirim", -20.85, -41.11, 1),
        ]),
        new("GO", 2.03, 40, 73700, 76799, 15.2,
        [
            new("Goiânia", -16.68, -49.25, 10), new("Aparecida de Goiânia", -16.82, -49.24, 3), new("Anápolis", -16.33, -48.95, 2),
            new("Rio Verde", -17.80, -50.93, 1),
        ]),
        new("PE", 1.66, 9, 50000, 56999, 18.0,
        [
            new("Recife", -8.05, -34.88, 8), new("Jaboatão dos Guararapes", -8.11, -35.01, 3), new("Olinda", -8.01, -34.86, 2),
            new("Caruaru", -8.28, -35.98, 2), new("Petrolina", -9.39, -40.50, 1),
        ]),
        new("CE", 1.34, 13, 60000, 63999, 20.8,
        [
            new("Fortaleza", -3.73, -38.53, 10), new("Caucaia", -3.74, -38.65, 2), new("Juazeiro do Norte", -7.21, -39.32, 2),
            new("Sobral", -3.69, -40.35, 1),
        ]),
        new("PA", 0.98, 1, 66000, 68899, 23.3,
        [
            new("Belém", -1.46, -48.49, 8), new("Ananindeua", -1.37, -48.37, 3), new("Santarém", -2.44, -54.71, 2),
            new("Marabá", -5.37, -49.12, 1),
        ]),
        new("MT", 0.91, 4, 78000, 78899, 17.6,
        [
            new("Cuiabá", -15.60, -56.10, 6), new("Várzea Grande", -15.65, -56.13, 2), new("Rondonópolis", -16.47, -54.64, 2),
            new("Sinop", -11.86, -55.50, 1),
        ]),
        new("MA", 0.75, 1, 65000, 65999, 21.1,
        [
            new("São Luís", -2.53, -44.30, 6), new("Imperatriz", -5.52, -47.47, 2), new("Timon", -5.09, -42.84, 1),
        ]),
        new("MS", 0.72, 5, 79000, 79999, 15.2,
        [
            new("Campo Grande", -20.47, -54.62, 6), new("Dourados", -22.22, -54.81, 2), new("Três Lagoas", -20.75, -51.68, 1),
        ]),
        new("PB", 0.54, 6, 58000, 58999, 19.95,
        [
            new("João Pessoa", -7.12, -34.86, 5), new("Campina Grande", -7.23, -35.88, 2), new("Patos", -7.02, -37.28, 1),
        ]),
        new("PI", 0.50, 1, 64000, 64999, 19.0,
        [
            new("Teresina", -5.09, -42.80, 5), new("Parnaíba", -2.90, -41.78, 1), new("Picos", -7.08, -41.47, 1),
        ]),
        new("RN", 0.49, 5, 59000, 59999, 18.8,
        [
            new("Natal", -5.79, -35.21, 5), new("Mossoró", -5.19, -37.34, 2), new("Parnamirim", -5.92, -35.26, 1),
        ]),
        new("AL", 0.42, 0, 57000, 57999, 24.0,
        [
            new("Maceió", -9.67, -35.74, 5), new("Arapiraca", -9.75, -36.66, 1),
        ]),
        new("SE", 0.35, 2, 49000, 49999, 21.0,
        [
            new("Aracaju", -10.91, -37.07, 5), new("Nossa Senhora do Socorro", -10.86, -37.13, 1),
        ]),
        new("TO", 0.28, 0, 77000, 77999, 17.2,
        [
            new("Palmas", -10.18, -48.33, 4), new("Araguaína", -7.19, -48.21, 2), new("Gurupi", -11.73, -49.07, 1),
        ]),
        new("RO", 0.25, 2, 76800, 76999, 18.9,
        [
            new("Porto Velho", -8.76, -63.90, 4), new("Ji-Paraná", -10.88, -61.95, 2),
        ]),
        new("AM", 0.15, 1, 69000, 69299, 26.0,
        [
            new("Manaus", -3.12, -60.02, 6), new("Parintins", -2.63, -56.74, 1),
        ]),
        new("AC", 0.08, 1, 69900, 69999, 20.6,
        [
            new("Rio Branco", -9.97, -67.81, 3), new("Cruzeiro do Sul", -7.63, -72.67, 1),
        ]),
        new("AP", 0.07, 0, 68900, 68999, 26.7,
        [
            new("Macapá", 0.03, -51.07, 3), new("Santana", -0.06, -51.17, 1),
        ]),
        new("RR", 0.05, 0, 69300, 69399, 29.0,
        [
            new("Boa Vista", 2.82, -60.67, 3), new("Rorainópolis", 0.94, -60.42, 1),
        ]),
    ];
}
