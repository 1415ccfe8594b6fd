namespace Olist.Pipeline.Generation.Reference;

/// <summary>Portuguese review titles and comments in the style of the real ones, by mood; a few span several lines.</summary>
internal static class ReviewTexts
{
    public static IReadOnlyList<string> GoodTitles { get; } =
    [
        "recomendo", "Super recomendo", "Ótimo", "Excelente", "Muito bom", "Maravilhoso!", "Entrega perfeita", "Top",
        "Adorei", "Nota 10", "Bom", "Perfeito", "Chegou rápido", "Produto de qualidade",
    ];

    public static IReadOnlyList<string> NeutralTitles { get; } =
    [
        "Razoável", "Ok", "Regular", "Poderia ser melhor", "Mais ou menos", "Bom, mas demorou",
    ];

    public static IReadOnlyList<string> BadTitles { get; } =
    [
        "Não chegou meu produto ", "Péssimo", "Não recomendo", "Decepcionado", "Produto errado", "Atrasou",
        "Horrível", "Não recebi", "Ruim",
    ];

    public static IReadOnlyList<string> GoodMessages { get; } =
    [
        "Recebi bem antes do prazo estipulado.",
        "Produto muito bom, chegou antes do prazo.",
        "Vendedor confiável, produto ok e entrega antes do prazo.",
        "Loja nota 10",
        "muito boa ",
        "Recomendo ,",
        "otimo vendedor chegou ate antes do prazo , adorei o produto",
        "Processo de compra tranquilo e eficiente.",
        "Tô completamente apaixonada, loja super responsável e confiável!",
        "relógio muito bonito e barato.",
        "Muito bom. muito cheiroso.",
        "Parabéns lojas lannister adorei comprar pela Internet seguro e prático Parabéns a todos feliz Páscoa",
        "Chegou tudo certinho, bem embalado. Obrigada!",
        "Produto de ótima qualidade, igual ao anúncio.",
        "Excelente atendimento e entrega rápida.",
        "obrigado pela atenção amim dispensada",
        "A compra foi realizada facilmente.\r\nA entrega foi efetuada muito antes do prazo dado.\r\nO produto já começou a ser usado e até o presente,\r\nsem problemas.",
        "Gostei muito do produto.\r\nRecomendo a loja!",
        "100% satisfeito com a compra.",
        "Tudo perfeito, \"super\" recomendo.",
    ];

    public static IReadOnlyList<string> NeutralMessages { get; } =
    [
        "Mas um pouco ,travando...pelo valor ta Boa.\r\n",
        "O produto é bom, mas a entrega demorou um pouco.",
        "Produto ok, embalagem poderia ser melhor.",
        "Achei que seria maior, mas serve.",
        "Cumpriu o prometido.",
        "A cor é um pouco diferente da foto.",
    ];

    public static IReadOnlyList<string> BadMessages { get; } =
    [
        "Péssimo",
        "Nada de chegar o meu pedido.",
        "Não gostei ! Comprei gato por lebre",
        "GOSTARIA DE SABER O QUE HOUVE, SEMPRE RECEBI E ESSA COMPRA AGORA ME DECPCIONOU",
        "Sempre compro pela Internet e a entrega ocorre antes do prazo combinado, que acredito ser o prazo máximo. No stark o prazo máximo já se esgotou e ainda não recebi o produto.",
        "recebi somente 1 controle Midea Split ESTILO.\r\nFaltou Controle Remoto para Ar Condicionado Consul",
        "Comprei dois produtos e só recebi um.",
        "O produto veio com defeito, quero a devolução do dinheiro.",
        "Até agora não recebi o produto e ninguém me dá uma resposta.",
        "2 semanas de atraso e nenhuma satisfação.",
        "Produto diferente do anunciado.\r\nNão recomendo.",
    ];
}
